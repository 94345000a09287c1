using System.Buffers.Binary;

namespace LatentPlayground.Audio.Wav;

/// <summary>Little-endian WAV sample bytes to floats in [-1, 1).</summary>
internal static class SampleDecoder
{
    // Powers of two, so the scaling itself never rounds.
    private const float Scale16 = 1f / 32768f;
    private const float Scale24 = 1f / 8388608f;
    private const float Scale32 = 1f / 2147483648f;

    // A float has 24 significant bits, so int32 values within 64 of full scale round up to 2^31 and would
    // read as 1.0; holding them just below keeps every decoded integer sample inside [-1, 1).
    private static readonly float BelowOne = MathF.BitDecrement(1f);

    /// <summary>
    /// Decodes one channel: the sample of frame i starts at byte i * <paramref name="stride"/> of
    /// <paramref name="source"/> and goes to <paramref name="destination"/>[i].
    /// </summary>
    public static void Decode(ReadOnlySpan<byte> source, int stride, WavSampleFormat format, Span<float> destination)
    {
        switch (format)
        {
            case WavSampleFormat.Pcm16:
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = BinaryPrimitives.ReadInt16LittleEndian(source[(i * stride)..]) * Scale16;
                }

                break;
            case WavSampleFormat.Pcm24:
                for (int i = 0; i < destination.Length; i++)
                {
                    ReadOnlySpan<byte> s = source.Slice(i * stride, 3);
                    destination[i] = (s[0] | (s[1] << 8) | ((sbyte)s[2] << 16)) * Scale24;
                }

                break;
            case WavSampleFormat.Pcm32:
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = MathF.Min(BinaryPrimitives.ReadInt32LittleEndian(source[(i * stride)..]) * Scale32, BelowOne);
                }

                break;
            case WavSampleFormat.Float32:
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(i * stride)..]);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "unknown sample format");
        }
    }
}
