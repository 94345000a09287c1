using System.Buffers.Binary;

namespace LatentPlayground.Audio.Alsa;

/// <summary>
/// Converts interleaved device samples to and from float32, full scale ±1.
/// Thread: any, the audio thread included: no allocation, no locks.
/// </summary>
/// <remarks>
/// Integers scale by 2^(bits-1) both ways, so every 16- and 24-bit value survives a round trip bit for
/// bit (float32 holds 24 significant bits). S32 keeps the top 24 bits of its value on the way in; a float
/// goes out to S32 exactly. Out of range floats clip to full scale, and NaN becomes silence, so a model
/// that blows up gives a click, not full-scale noise. Samples are read and written little-endian
/// explicitly, which costs nothing on little-endian machines and stays right elsewhere.
/// </remarks>
public static class PcmSampleConverter
{
    private const float Scale16 = 32768f;
    private const float Scale24 = 8388608f;
    private const double Scale32 = 2147483648.0;

    /// <summary>Fills <paramref name="destination"/> (one float per sample) from device bytes.</summary>
    public static void ToFloat(PcmSampleFormat format, ReadOnlySpan<byte> source, Span<float> destination)
    {
        int width = format.BytesPerSample();
        if (source.Length < destination.Length * width)
        {
            throw new ArgumentException($"{destination.Length} samples of {format.AlsaName()} need {destination.Length * width} bytes; the source has {source.Length}", nameof(source));
        }

        switch (format)
        {
            case PcmSampleFormat.S16LE:
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = BinaryPrimitives.ReadInt16LittleEndian(source[(2 * i)..]) * (1f / Scale16);
                }

                break;
            case PcmSampleFormat.S24LE:
                for (int i = 0; i < destination.Length; i++)
                {
                    // Only the low three bytes carry the sample; the top byte may be padding or a sign copy.
                    int word = BinaryPrimitives.ReadInt32LittleEndian(source[(4 * i)..]);
                    destination[i] = ((word << 8) >> 8) * (1f / Scale24);
                }

                break;
            case PcmSampleFormat.S24Packed3LE:
                for (int i = 0; i < destination.Length; i++)
                {
                    int at = 3 * i;
                    int value = source[at] | (source[at + 1] << 8) | ((sbyte)source[at + 2] << 16);
                    destination[i] = value * (1f / Scale24);
                }

                break;
            case PcmSampleFormat.S32LE:
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = (float)(BinaryPrimitives.ReadInt32LittleEndian(source[(4 * i)..]) * (1.0 / Scale32));
                }

                break;
            case PcmSampleFormat.FloatLE:
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(4 * i)..]);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "not a format this code converts");
        }
    }

    /// <summary>Writes <paramref name="source"/> (one float per sample) as device bytes.</summary>
    public static void FromFloat(PcmSampleFormat format, ReadOnlySpan<float> source, Span<byte> destination)
    {
        int width = format.BytesPerSample();
        if (destination.Length < source.Length * width)
        {
            throw new ArgumentException($"{source.Length} samples of {format.AlsaName()} need {source.Length * width} bytes; the destination has {destination.Length}", nameof(destination));
        }

        switch (format)
        {
            case PcmSampleFormat.S16LE:
                for (int i = 0; i < source.Length; i++)
                {
                    float scaled = Clip(source[i] * Scale16, -Scale16, Scale16 - 1f);
                    BinaryPrimitives.WriteInt16LittleEndian(destination[(2 * i)..], (short)MathF.Round(scaled));
                }

                break;
            case PcmSampleFormat.S24LE:
                for (int i = 0; i < source.Length; i++)
                {
                    // Written sign-extended: alsa-lib and drivers read the low three bytes, and a sign copy
                    // on top keeps the word a valid S32 of the same value scaled by 1/256.
                    float scaled = Clip(source[i] * Scale24, -Scale24, Scale24 - 1f);
                    BinaryPrimitives.WriteInt32LittleEndian(destination[(4 * i)..], (int)MathF.Round(scaled));
                }

                break;
            case PcmSampleFormat.S24Packed3LE:
                for (int i = 0; i < source.Length; i++)
                {
                    float scaled = Clip(source[i] * Scale24, -Scale24, Scale24 - 1f);
                    int value = (int)MathF.Round(scaled);
                    int at = 3 * i;
                    destination[at] = (byte)value;
                    destination[at + 1] = (byte)(value >> 8);
                    destination[at + 2] = (byte)(value >> 16);
                }

                break;
            case PcmSampleFormat.S32LE:
                for (int i = 0; i < source.Length; i++)
                {
                    // In double: 2^31 - 1 is not a float, and a float times 2^31 is exact in a double.
                    double scaled = Clip(source[i] * Scale32, -Scale32, Scale32 - 1.0);
                    BinaryPrimitives.WriteInt32LittleEndian(destination[(4 * i)..], (int)Math.Round(scaled));
                }

                break;
            case PcmSampleFormat.FloatLE:
                for (int i = 0; i < source.Length; i++)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(destination[(4 * i)..], Clip(source[i], -1f, 1f));
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "not a format this code converts");
        }
    }

    // NaN fails both comparisons and becomes 0: silence rather than a full-scale sample.
    private static float Clip(float value, float low, float high)
    {
        if (value >= low)
        {
            return value <= high ? value : high;
        }

        return value < low ? low : 0f;
    }

    private static double Clip(double value, double low, double high)
    {
        if (value >= low)
        {
            return value <= high ? value : high;
        }

        return value < low ? low : 0.0;
    }
}
