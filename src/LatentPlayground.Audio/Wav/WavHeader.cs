using System.Buffers.Binary;

namespace LatentPlayground.Audio.Wav;

/// <summary>
/// The header the product writes, in front of the samples. 24-bit PCM uses the plain 16-byte fmt chunk
/// (format tag 1), which every reader accepts for mono and stereo. Float uses format tag 3 with the
/// 18-byte fmt chunk and the fact chunk that the RIFF specification asks of every non-PCM format.
/// </summary>
internal static class WavHeader
{
    private const int PcmLength = 44;
    private const int FloatLength = 58;

    public static int Length(WavSampleFormat format) => format.IsFloat ? FloatLength : PcmLength;

    /// <summary>The most frames that keep the RIFF size, which counts everything after its first 8 bytes, within 32 bits.</summary>
    public static long MaxFrames(WavSampleFormat format, int channels)
    {
        long room = uint.MaxValue - (Length(format) - 8) - 1;
        return room / (channels * format.BytesPerSample);
    }

    /// <summary>Writes the whole header for a file holding <paramref name="frames"/> frames.</summary>
    public static void Write(Span<byte> destination, WavSampleFormat format, int channels, int sampleRate, long frames)
    {
        int blockAlign = channels * format.BytesPerSample;
        long dataBytes = frames * blockAlign;
        long pad = dataBytes & 1;
        int length = Length(format);

        "RIFF"u8.CopyTo(destination);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], checked((uint)(length - 8 + dataBytes + pad)));
        "WAVE"u8.CopyTo(destination[8..]);
        "fmt "u8.CopyTo(destination[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[16..], format.IsFloat ? 18u : 16u);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[20..], format.IsFloat ? (ushort)FormatTags.IeeeFloat : (ushort)FormatTags.Pcm);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[22..], (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[24..], (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[28..], (uint)Math.Min(sampleRate * (long)blockAlign, uint.MaxValue));
        BinaryPrimitives.WriteUInt16LittleEndian(destination[32..], (ushort)blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[34..], (ushort)format.BitsPerSample);
        int next = 36;
        if (format.IsFloat)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination[36..], 0);
            "fact"u8.CopyTo(destination[38..]);
            BinaryPrimitives.WriteUInt32LittleEndian(destination[42..], 4);
            BinaryPrimitives.WriteUInt32LittleEndian(destination[46..], checked((uint)frames));
            next = 50;
        }

        "data"u8.CopyTo(destination[next..]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[(next + 4)..], checked((uint)dataBytes));
    }
}
