using System.Buffers.Binary;
using System.Globalization;

namespace LatentPlayground.Audio.Wav;

/// <summary>
/// Turns a fmt chunk into a <see cref="WavFormat"/> or a one-line reason why not. Layout: WAVEFORMATEX
/// (16 bytes, 18 with cbSize) and WAVEFORMATEXTENSIBLE (40 bytes), all little-endian.
/// </summary>
internal static class FmtChunkParser
{
    public const int MinimumLength = 16;
    public const int ExtensibleLength = 40;

    private const string Supported = "supported: 16/24/32-bit PCM, 32-bit float";

    // KSDATAFORMAT_SUBTYPE_PCM and _IEEE_FLOAT are {0000000X-0000-0010-8000-00AA00389B71}: the format tag
    // in the first four bytes, then this fixed tail.
    private static ReadOnlySpan<byte> SubFormatTail => [0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    /// <param name="body">The chunk body, or at least its first <see cref="ExtensibleLength"/> bytes.</param>
    public static WavFormat Parse(ReadOnlySpan<byte> body, string name)
    {
        if (body.Length < MinimumLength)
        {
            throw Fail(name, $"fmt chunk too short ({body.Length} bytes, need {MinimumLength})");
        }

        int tag = BinaryPrimitives.ReadUInt16LittleEndian(body);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
        uint sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(body[4..]);
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(body[12..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(body[14..]);

        // The byte rate (offset 8) is redundant and often wrong in files from careless writers; it is not checked.
        int encoding = tag == FormatTags.Extensible ? SubFormat(body, name) : tag;
        if (encoding is not (FormatTags.Pcm or FormatTags.IeeeFloat))
        {
            string field = tag == FormatTags.Extensible ? "extensible sub-format" : "format tag";
            throw Fail(name, $"unsupported format: {FormatTags.Describe(encoding, field)} ({Supported})");
        }

        if (channels is < 1 or > 2)
        {
            throw Fail(name, $"{channels} channels (supported: mono or stereo)");
        }

        if (sampleRate == 0)
        {
            throw Fail(name, "sample rate is 0 Hz");
        }

        if (sampleRate > int.MaxValue)
        {
            throw Fail(name, $"sample rate {sampleRate} Hz is out of range");
        }

        WavSampleFormat sampleFormat = SampleFormat(encoding, bits, name);
        int expectedAlign = channels * sampleFormat.BytesPerSample;
        if (blockAlign != expectedAlign)
        {
            throw Fail(name, $"block align is {blockAlign} bytes, expected {expectedAlign} for {channels} channel(s) of {sampleFormat.Description}");
        }

        return new WavFormat(channels, (int)sampleRate, sampleFormat);
    }

    private static int SubFormat(ReadOnlySpan<byte> body, string name)
    {
        if (body.Length < ExtensibleLength)
        {
            throw Fail(name, $"extensible fmt chunk too short ({body.Length} bytes, need {ExtensibleLength})");
        }

        // Valid bits per sample (offset 18) may be below the container size, e.g. 20 bits in 24; the samples
        // are left-justified, so scaling by the container size is still right and the field is not needed.
        ReadOnlySpan<byte> guid = body.Slice(24, 16);
        uint code = BinaryPrimitives.ReadUInt32LittleEndian(guid);
        if (!guid[4..].SequenceEqual(SubFormatTail) || code > ushort.MaxValue)
        {
            throw Fail(name, string.Create(CultureInfo.InvariantCulture, $"unsupported format: extensible sub-format {new Guid(guid)} ({Supported})"));
        }

        return (int)code;
    }

    private static WavSampleFormat SampleFormat(int encoding, int bits, string name) => (encoding, bits) switch
    {
        (FormatTags.Pcm, 16) => WavSampleFormat.Pcm16,
        (FormatTags.Pcm, 24) => WavSampleFormat.Pcm24,
        (FormatTags.Pcm, 32) => WavSampleFormat.Pcm32,
        (FormatTags.IeeeFloat, 32) => WavSampleFormat.Float32,
        (FormatTags.Pcm, _) => throw Fail(name, $"unsupported format: {bits}-bit PCM ({Supported})"),
        _ => throw Fail(name, $"unsupported format: {bits}-bit float ({Supported})"),
    };

    private static WavFileException Fail(string name, string problem) => new(name, problem, null);
}
