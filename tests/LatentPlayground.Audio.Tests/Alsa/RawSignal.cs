using System.Buffers.Binary;
using LatentPlayground.Audio.Alsa;

namespace LatentPlayground.Audio.Tests.Alsa;

/// <summary>
/// Reproducible raw sample bytes that survive the trip device format → float → device format bit for bit,
/// written without the converter under test. Random, so a shifted copy cannot match by accident.
/// </summary>
internal static class RawSignal
{
    public static byte[] Make(PcmSampleFormat format, int samples, int seed)
    {
        var random = new Random(seed);
        int width = format.BytesPerSample();
        byte[] bytes = new byte[samples * width];
        for (int i = 0; i < samples; i++)
        {
            Span<byte> at = bytes.AsSpan(i * width, width);
            switch (format)
            {
                case PcmSampleFormat.S16LE:
                    BinaryPrimitives.WriteInt16LittleEndian(at, (short)random.Next(short.MinValue, short.MaxValue + 1));
                    break;
                case PcmSampleFormat.S24LE:
                    // Sign-extended into the top byte, as the converter writes it.
                    BinaryPrimitives.WriteInt32LittleEndian(at, random.Next(-(1 << 23), 1 << 23));
                    break;
                case PcmSampleFormat.S24Packed3LE:
                    int value = random.Next(-(1 << 23), 1 << 23);
                    at[0] = (byte)value;
                    at[1] = (byte)(value >> 8);
                    at[2] = (byte)(value >> 16);
                    break;
                case PcmSampleFormat.S32LE:
                    // float32 carries 24 significant bits: an S32 value with its low byte clear survives.
                    BinaryPrimitives.WriteInt32LittleEndian(at, (int)(random.NextInt64(int.MinValue, (long)int.MaxValue + 1) & ~0xFFL));
                    break;
                case PcmSampleFormat.FloatLE:
                    BinaryPrimitives.WriteSingleLittleEndian(at, (float)((random.NextDouble() * 2.0) - 1.0));
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(format));
            }
        }

        return bytes;
    }

    /// <summary>The first frame at which <paramref name="probe"/> frames of <paramref name="input"/> appear in <paramref name="output"/>, or -1.</summary>
    public static int FindShift(byte[] input, byte[] output, int frameBytes, int probe)
    {
        ReadOnlySpan<byte> needle = input.AsSpan(0, probe * frameBytes);
        for (int frame = 0; (frame + probe) * frameBytes <= output.Length; frame++)
        {
            if (output.AsSpan(frame * frameBytes, needle.Length).SequenceEqual(needle))
            {
                return frame;
            }
        }

        return -1;
    }
}
