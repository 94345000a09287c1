using System.Buffers.Binary;
using System.Globalization;

namespace LatentPlayground.Core.Latents;

/// <summary>
/// Latent WAVs, the reference's format for its Pure Data abstraction: one channel per latent dimension, one
/// sample frame per latent frame, IEEE float so values beyond ±1 survive (float64 when written, float32 or
/// float64 read; plain or WAVE_FORMAT_EXTENSIBLE headers). Written as numpy/scipy write float WAVs: format tag
/// 3, an 18-byte fmt chunk and a fact chunk. Integer PCM is refused, as it cannot hold a latent's range.
/// Pure: works on bytes and streams. Any thread.
/// </summary>
public static class LatentWavCodec
{
    private const int IeeeFloat = 3;
    private const int Extensible = 0xFFFE;

    /// <summary>
    /// Above this header rate a file is audio, not latents: the fastest model (512-sample hop at 48 kHz) runs at 94 Hz.
    /// </summary>
    public const int MaxHeaderRate = 1000;

    /// <summary>The header rate for a latent rate: whole hertz, rounded down, at least 1.</summary>
    public static int HeaderRate(double latentRate) => (int)Math.Clamp(Math.Floor(latentRate), 1, int.MaxValue);

    /// <summary>Reads a whole latent WAV held in memory.</summary>
    /// <exception cref="LatentFormatException">Not a float WAV, truncated, empty, or holding NaN or infinity.</exception>
    public static LatentWav Read(ReadOnlySpan<byte> file)
    {
        if (file.Length < 12 || !file[..4].SequenceEqual("RIFF"u8) || !file.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            throw new LatentFormatException("not a WAV file (no RIFF/WAVE header)");
        }

        int channels = 0, rate = 0, bits = 0, blockAlign = 0;
        bool haveFormat = false;
        // A long: a chunk size near 4 GiB must end the walk, not wrap the position round to the start.
        long at = 12;
        while (at + 8 <= file.Length)
        {
            ReadOnlySpan<byte> id = file.Slice((int)at, 4);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(file[((int)at + 4)..]);
            int body = (int)at + 8;
            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16 || body + 16 > file.Length)
                {
                    throw new LatentFormatException("the fmt chunk is too short");
                }

                ReadOnlySpan<byte> fmt = file.Slice(body, (int)Math.Min(size, (uint)(file.Length - body)));
                int tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
                rate = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]), int.MaxValue);
                blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
                bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
                if (tag == Extensible && fmt.Length >= 26)
                {
                    // The subformat GUID's first two bytes are the format tag it stands for.
                    tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]);
                }

                if (tag != IeeeFloat)
                {
                    throw new LatentFormatException(string.Create(CultureInfo.InvariantCulture,
                        $"{(tag == 1 ? $"{bits}-bit integer PCM" : $"WAV format {tag}")}, not float: a latent WAV holds 32 or 64-bit floats, so values beyond ±1 survive"));
                }

                if (bits is not (32 or 64))
                {
                    throw new LatentFormatException(string.Create(CultureInfo.InvariantCulture, $"{bits}-bit float samples, not 32 or 64"));
                }

                if (channels < 1 || blockAlign != channels * bits / 8)
                {
                    throw new LatentFormatException(string.Create(CultureInfo.InvariantCulture, $"the fmt chunk is inconsistent ({channels} channels, {bits} bits, block align {blockAlign})"));
                }

                if (rate > MaxHeaderRate)
                {
                    throw new LatentFormatException(string.Create(CultureInfo.InvariantCulture,
                        $"an audio WAV ({rate} Hz), not a latent WAV: latent WAVs run at a model's latent rate, tens of hertz"));
                }

                haveFormat = true;
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (!haveFormat)
                {
                    throw new LatentFormatException("the data chunk comes before any fmt chunk");
                }

                // A writer that could not seek leaves 0 or 0xFFFFFFFF: the data then runs to the end of the file.
                long available = file.Length - body;
                long length = size is 0 or uint.MaxValue ? available : size;
                if (length > available)
                {
                    throw new LatentFormatException(string.Create(CultureInfo.InvariantCulture, $"truncated: the data chunk says {size} bytes, the file holds {available}"));
                }

                return new LatentWav(Decode(file.Slice(body, (int)length), channels, bits), rate, bits == 32 ? LatentPrecision.Bits32 : LatentPrecision.Bits64);
            }

            // Chunks are padded to an even length.
            at = body + (long)size + (size & 1);
        }

        throw new LatentFormatException(haveFormat ? "no data chunk" : "no fmt chunk");
    }

    /// <summary>Writes <paramref name="array"/> as a latent WAV at <paramref name="latentRate"/> (stored as <see cref="HeaderRate"/>).</summary>
    /// <exception cref="LatentFormatException">More channels or data than a WAV can hold.</exception>
    public static void Write(Stream stream, LatentArray array, double latentRate, LatentPrecision precision = LatentPrecision.Bits64)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(array);
        int bytes = precision == LatentPrecision.Bits32 ? 4 : 8;
        long data = (long)array.Frames * array.Dimensions * bytes;
        if (array.Dimensions > ushort.MaxValue / 8 || data > uint.MaxValue - 64)
        {
            throw new LatentFormatException(string.Create(CultureInfo.InvariantCulture, $"{array.Frames} frames × {array.Dimensions} dimensions do not fit in a WAV"));
        }

        int rate = HeaderRate(latentRate);
        int blockAlign = array.Dimensions * bytes;
        Span<byte> header = stackalloc byte[58];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)(50 + data));
        "WAVE"u8.CopyTo(header[8..]);
        "fmt "u8.CopyTo(header[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 18);
        BinaryPrimitives.WriteUInt16LittleEndian(header[20..], IeeeFloat);
        BinaryPrimitives.WriteUInt16LittleEndian(header[22..], (ushort)array.Dimensions);
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], (uint)rate);
        BinaryPrimitives.WriteUInt32LittleEndian(header[28..], (uint)Math.Min((long)rate * blockAlign, uint.MaxValue));
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], (ushort)blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(header[34..], (ushort)(bytes * 8));
        BinaryPrimitives.WriteUInt16LittleEndian(header[36..], 0);
        "fact"u8.CopyTo(header[38..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[42..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[46..], (uint)array.Frames);
        "data"u8.CopyTo(header[50..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[54..], (uint)data);
        stream.Write(header);
        byte[] row = new byte[blockAlign];
        for (int f = 0; f < array.Frames; f++)
        {
            ReadOnlySpan<double> values = array.Row(f);
            for (int d = 0; d < values.Length; d++)
            {
                if (bytes == 4)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(row.AsSpan(d * 4), (float)values[d]);
                }
                else
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(row.AsSpan(d * 8), values[d]);
                }
            }

            stream.Write(row);
        }
    }

    private static LatentArray Decode(ReadOnlySpan<byte> data, int channels, int bits)
    {
        int bytes = bits / 8;
        long frames = data.Length / (channels * bytes);
        if (frames == 0)
        {
            throw new LatentFormatException("the data chunk holds no frames: an empty latent array");
        }

        LatentArray.CheckSize(frames, channels);
        var values = new double[frames * channels];
        for (int i = 0; i < values.Length; i++)
        {
            ReadOnlySpan<byte> b = data.Slice(i * bytes, bytes);
            values[i] = bytes == 4 ? BinaryPrimitives.ReadSingleLittleEndian(b) : BinaryPrimitives.ReadDoubleLittleEndian(b);
        }

        return new LatentArray((int)frames, channels, values);
    }
}
