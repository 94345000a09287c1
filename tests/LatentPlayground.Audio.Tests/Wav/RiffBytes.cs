using System.Buffers.Binary;
using System.Text;

namespace LatentPlayground.Audio.Tests.Wav;

/// <summary>
/// A test-side WAV writer, independent of the product's: builds files chunk by chunk, including the
/// formats the product does not write and every way a file can be wrong.
/// </summary>
internal static class RiffBytes
{
    public const ushort Pcm = 1;
    public const ushort Float = 3;
    public const ushort Extensible = 0xFFFE;

    /// <summary>A RIFF file of the given form type holding the chunks, with a correct RIFF size.</summary>
    public static byte[] Riff(string form, params byte[][] chunks)
    {
        var body = new List<byte>(Encoding.ASCII.GetBytes(form));
        foreach (byte[] chunk in chunks)
        {
            body.AddRange(chunk);
        }

        return [.. Encoding.ASCII.GetBytes("RIFF"), .. U32((uint)body.Count), .. body];
    }

    public static byte[] Wave(params byte[][] chunks) => Riff("WAVE", chunks);

    /// <summary>A chunk with its pad byte when the body is odd-sized.</summary>
    public static byte[] Chunk(string id, byte[] body) => ChunkWithSize(id, (uint)body.Length, body, pad: true);

    public static byte[] ChunkWithSize(string id, uint size, byte[] body, bool pad = false) =>
        [.. Encoding.ASCII.GetBytes(id), .. U32(size), .. body, .. (pad && body.Length % 2 == 1 ? new byte[] { 0 } : [])];

    public static byte[] Fmt(ushort tag, int channels, int sampleRate, int bits, int? blockAlign = null)
    {
        int align = blockAlign ?? channels * bits / 8;
        return Chunk("fmt ", [.. U16(tag), .. U16((ushort)channels), .. U32((uint)sampleRate), .. U32((uint)(sampleRate * align)), .. U16((ushort)align), .. U16((ushort)bits)]);
    }

    public static byte[] FmtExtensible(ushort subFormat, int channels, int sampleRate, int bits, int validBits)
    {
        int align = channels * bits / 8;
        byte[] guid = [.. U32(subFormat), 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];
        return Chunk("fmt ", [
            .. U16(Extensible), .. U16((ushort)channels), .. U32((uint)sampleRate), .. U32((uint)(sampleRate * align)),
            .. U16((ushort)align), .. U16((ushort)bits), .. U16(22), .. U16((ushort)validBits), .. U32(channels == 2 ? 3u : 4u), .. guid]);
    }

    public static byte[] Data(byte[] samples) => Chunk("data", samples);

    /// <summary>Interleaves integer samples of each channel at the given width, little-endian.</summary>
    public static byte[] IntSamples(int bits, params int[][] channels)
    {
        int width = bits / 8;
        int frames = channels[0].Length;
        byte[] bytes = new byte[frames * channels.Length * width];
        for (int f = 0; f < frames; f++)
        {
            for (int c = 0; c < channels.Length; c++)
            {
                int v = channels[c][f];
                int at = ((f * channels.Length) + c) * width;
                for (int b = 0; b < width; b++)
                {
                    bytes[at + b] = (byte)(v >> (8 * b));
                }
            }
        }

        return bytes;
    }

    public static byte[] FloatSamples(params float[][] channels)
    {
        int frames = channels[0].Length;
        byte[] bytes = new byte[frames * channels.Length * 4];
        for (int f = 0; f < frames; f++)
        {
            for (int c = 0; c < channels.Length; c++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(((f * channels.Length) + c) * 4), channels[c][f]);
            }
        }

        return bytes;
    }

    /// <summary>A small valid 16-bit stereo file: the starting point for the malformed cases.</summary>
    public static byte[] ValidStereo16(int frames = 100) =>
        Wave(Fmt(Pcm, 2, 48000, 16), Data(IntSamples(16, Ramp(frames, 100), Ramp(frames, -100))));

    public static int[] Ramp(int frames, int step) => [.. Enumerable.Range(0, frames).Select(i => i * step)];

    public static byte[] U16(ushort value)
    {
        byte[] b = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, value);
        return b;
    }

    public static byte[] U32(uint value)
    {
        byte[] b = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        return b;
    }
}
