using System.Buffers.Binary;

namespace LatentPlayground.Audio.Wav;

/// <summary>Floats to the little-endian sample bytes of the formats the product writes.</summary>
internal static class SampleEncoder
{
    private const int Int24Min = -8388608;
    private const int Int24Max = 8388607;

    /// <summary>
    /// Encodes one channel: <paramref name="source"/>[i] goes to byte i * <paramref name="stride"/> of
    /// <paramref name="destination"/>.
    /// </summary>
    public static void Encode(ReadOnlySpan<float> source, int stride, WavSampleFormat format, Span<byte> destination)
    {
        switch (format)
        {
            case WavSampleFormat.Pcm24:
                for (int i = 0; i < source.Length; i++)
                {
                    int v = ToInt24(source[i]);
                    Span<byte> d = destination.Slice(i * stride, 3);
                    d[0] = (byte)v;
                    d[1] = (byte)(v >> 8);
                    d[2] = (byte)(v >> 16);
                }

                break;
            case WavSampleFormat.Float32:
                for (int i = 0; i < source.Length; i++)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(destination[(i * stride)..], source[i]);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "the writer produces 24-bit PCM or 32-bit float");
        }
    }

    /// <summary>
    /// Round to nearest, ties to even (the IEEE default, so no level-dependent bias), then clip to the
    /// int24 range. No dither: the output must be reproducible bit for bit. NaN writes as silence.
    /// </summary>
    public static int ToInt24(float sample)
    {
        if (float.IsNaN(sample))
        {
            return 0;
        }

        return (int)Math.Clamp(MathF.Round(sample * 8388608f), Int24Min, Int24Max);
    }
}
