using System.Buffers.Binary;
using System.Text;

namespace LatentPlayground.Audio.Wav;

/// <summary>
/// Walks the chunks of a RIFF/WAVE stream to find the fmt and data chunks, skipping everything else.
/// The RIFF size field is not trusted (streaming writers leave it 0 or wrong, and some files carry junk
/// past it); the stream's length bounds the walk instead, and the walk stops once both chunks are found.
/// </summary>
internal static class RiffLayoutReader
{
    private const int RiffHeaderLength = 12;
    private const int ChunkHeaderLength = 8;

    // Enough for WAVEFORMATEXTENSIBLE; anything beyond it in a fmt chunk carries nothing this reader uses.
    private const int FmtBytesNeeded = FmtChunkParser.ExtensibleLength;

    public static WavLayout Read(Stream stream, string name)
    {
        long start = stream.Position;
        long end = stream.Length;
        CheckRiffHeader(stream, name);

        WavFormat? format = null;
        long dataOffset = -1;
        long dataLength = 0;
        long position = start + RiffHeaderLength;
        Span<byte> header = stackalloc byte[ChunkHeaderLength];
        Span<byte> fmtBuffer = stackalloc byte[FmtBytesNeeded];
        while (end - position >= ChunkHeaderLength)
        {
            stream.Position = position;
            stream.ReadExactly(header);
            ReadOnlySpan<byte> id = header[..4];
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
            long body = position + ChunkHeaderLength;
            long available = end - body;
            if (size > available)
            {
                throw Truncated(name, id, size, available);
            }

            if (id.SequenceEqual("data"u8) && dataOffset < 0)
            {
                dataOffset = body;
                dataLength = size;
            }
            else if (id.SequenceEqual("fmt "u8) && format is null)
            {
                Span<byte> fmt = fmtBuffer[..(int)Math.Min(size, FmtBytesNeeded)];
                stream.ReadExactly(fmt);
                format = FmtChunkParser.Parse(fmt, name);
            }

            if (format is not null && dataOffset >= 0)
            {
                return new WavLayout(format, dataOffset, dataLength);
            }

            // Chunks are word-aligned: an odd-sized body is followed by one pad byte not counted in its size.
            position = body + size + (size & 1);
        }

        long leftover = end - position;
        if (leftover > 0)
        {
            throw new WavFileException(name, $"truncated: incomplete chunk header at byte {position - start} ({leftover} of {ChunkHeaderLength} bytes)", null);
        }

        throw new WavFileException(name, format is null ? "no fmt chunk" : "no data chunk", null);
    }

    private static void CheckRiffHeader(Stream stream, string name)
    {
        Span<byte> riff = stackalloc byte[RiffHeaderLength];
        int got = stream.ReadAtLeast(riff, RiffHeaderLength, throwOnEndOfStream: false);
        if (got == 0)
        {
            throw new WavFileException(name, "not a WAV file (empty)", null);
        }

        ReadOnlySpan<byte> magic = riff[..Math.Min(got, 4)];
        if (!magic.SequenceEqual("RIFF"u8))
        {
            string problem = magic switch
            {
                _ when magic.SequenceEqual("RIFX"u8) => "unsupported format: big-endian RIFX",
                _ when magic.SequenceEqual("RF64"u8) => "unsupported format: RF64 (WAV larger than 4 GiB)",
                _ => "not a WAV file (no RIFF header)",
            };
            throw new WavFileException(name, problem, null);
        }

        if (got < RiffHeaderLength)
        {
            throw new WavFileException(name, $"truncated header ({got} of {RiffHeaderLength} bytes)", null);
        }

        if (!riff[8..12].SequenceEqual("WAVE"u8))
        {
            throw new WavFileException(name, $"RIFF file but not WAVE (form type '{Printable(riff[8..12])}')", null);
        }
    }

    private static WavFileException Truncated(string name, ReadOnlySpan<byte> id, uint size, long available)
    {
        string chunk = Printable(id).TrimEnd();
        string problem = size == uint.MaxValue
            ? $"truncated: {chunk} chunk says {size} bytes (the unset size of an unfinished or streamed file), file has {available}"
            : $"truncated: {chunk} chunk says {size} bytes, file has {available}";
        return new WavFileException(name, problem, null);
    }

    // A corrupt file can put any bytes where a chunk id belongs; they must not garble the one-line message.
    private static string Printable(ReadOnlySpan<byte> fourCc)
    {
        var text = new StringBuilder(fourCc.Length);
        foreach (byte b in fourCc)
        {
            text.Append(b is >= 0x20 and < 0x7F ? (char)b : '?');
        }

        return text.ToString();
    }
}
