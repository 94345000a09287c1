using System.Buffers.Binary;
using System.Text;
using LatentPlayground.Core.Latents;

namespace LatentPlayground.Core.Tests.Latents;

public sealed class LatentFileTests
{
    private static LatentArray Wide() => LatentArray.FromRows(new[,]
    {
        { -3.5, 0.25, 1e-300, 7.000000000000001 },
        { 2.5, -1.75, 123456.789, -0.1 },
        { 1.0 / 3.0, 42, -8.5, 0 },
    });

    private static byte[] Npy(LatentArray array, LatentPrecision precision)
    {
        using var stream = new MemoryStream();
        NpyCodec.Write(stream, array, precision);
        return stream.ToArray();
    }

    private static byte[] Wav(LatentArray array, LatentPrecision precision = LatentPrecision.Bits64, double rate = 23.4375)
    {
        using var stream = new MemoryStream();
        LatentWavCodec.Write(stream, array, rate, precision);
        return stream.ToArray();
    }

    [Fact]
    public void Npy_float64_round_trips_exactly_with_values_beyond_one()
    {
        LatentArray a = Wide();
        LatentArray back = NpyCodec.Read(Npy(a, LatentPrecision.Bits64));
        Assert.Equal(3, back.Frames);
        Assert.Equal(4, back.Dimensions);
        Assert.Equal(a.Values.ToArray(), back.Values.ToArray());
    }

    [Fact]
    public void Npy_float32_round_trips_to_float32_precision()
    {
        LatentArray a = Wide();
        LatentArray back = NpyCodec.Read(Npy(a, LatentPrecision.Bits32));
        for (int i = 0; i < a.Values.Length; i++)
        {
            Assert.Equal((double)(float)a.Values[i], back.Values[i]);
        }
    }

    [Fact]
    public void Npy_header_is_numpys_and_data_is_64_byte_aligned()
    {
        byte[] file = Npy(Wide(), LatentPrecision.Bits64);
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(8));
        string header = Encoding.ASCII.GetString(file, 10, headerLength);
        Assert.StartsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }", header, StringComparison.Ordinal);
        Assert.EndsWith("\n", header, StringComparison.Ordinal);
        Assert.Equal(0, (10 + headerLength) % 64);
        Assert.Equal(10 + headerLength + (3 * 4 * 8), file.Length);
    }

    [Fact]
    public void Npy_reads_big_endian_fortran_order_and_version_2()
    {
        // (2, 3) float32 big-endian in Fortran order: column by column.
        string dict = "{'descr': '>f4', 'fortran_order': True, 'shape': (2, 3), }";
        var header = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 2, 0 };
        header.AddRange(BitConverter.GetBytes((uint)(dict.Length + 1)));
        header.AddRange(Encoding.ASCII.GetBytes(dict + "\n"));
        float[] columnMajor = [1, 4, 2, 5, 3, 6];
        foreach (float v in columnMajor)
        {
            byte[] b = new byte[4];
            BinaryPrimitives.WriteSingleBigEndian(b, v);
            header.AddRange(b);
        }

        LatentArray a = NpyCodec.Read([.. header]);
        Assert.Equal(new double[] { 1, 2, 3, 4, 5, 6 }, a.Values.ToArray());
    }

    [Fact]
    public void Latent_wav_float64_round_trips_exactly_with_values_beyond_one()
    {
        LatentArray a = Wide();
        LatentWav back = LatentWavCodec.Read(Wav(a));
        Assert.Equal(a.Values.ToArray(), back.Array.Values.ToArray());
        Assert.Equal(23, back.HeaderRate);
        Assert.Equal(LatentPrecision.Bits64, back.Precision);
    }

    [Fact]
    public void Latent_wav_is_a_plain_float_wav_one_channel_per_dimension()
    {
        byte[] file = Wav(Wide(), rate: 44100.0 / 2048);
        Assert.Equal(3, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(20)));
        Assert.Equal(4, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(22)));
        Assert.Equal(21u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(24)));
        Assert.Equal(64, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(34)));
        Assert.Equal((uint)(file.Length - 8), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(4)));
    }

    [Fact]
    public void Latent_wav_float32_round_trips_to_float32_precision()
    {
        LatentArray a = Wide();
        LatentWav back = LatentWavCodec.Read(Wav(a, LatentPrecision.Bits32));
        Assert.Equal(LatentPrecision.Bits32, back.Precision);
        Assert.Equal(a.Values.ToArray().Select(v => (double)(float)v), back.Array.Values.ToArray());
    }

    [Fact]
    public void NaN_in_a_file_is_rejected_naming_frame_and_dimension()
    {
        byte[] npy = Npy(Wide(), LatentPrecision.Bits64);
        // Frame 1, dimension 2: value index 6 of the data.
        BinaryPrimitives.WriteDoubleLittleEndian(npy.AsSpan(npy.Length - (3 * 4 * 8) + (6 * 8)), double.NaN);
        var e = Assert.Throws<LatentFormatException>(() => NpyCodec.Read(npy));
        Assert.Equal("frame 1, dimension 2 is NaN; a latent must be finite", e.Message);

        byte[] wav = Wav(Wide());
        BinaryPrimitives.WriteDoubleLittleEndian(wav.AsSpan(wav.Length - 8), double.PositiveInfinity);
        e = Assert.Throws<LatentFormatException>(() => LatentWavCodec.Read(wav));
        Assert.Contains("frame 2, dimension 3 is +infinity", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_arrays_are_rejected()
    {
        string dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (0, 8), }\n";
        byte[] npy = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)dict.Length, 0, .. Encoding.ASCII.GetBytes(dict)];
        Assert.Contains("empty latent array", Assert.Throws<LatentFormatException>(() => NpyCodec.Read(npy)).Message, StringComparison.Ordinal);

        byte[] wav = Wav(Wide());
        byte[] header = wav[..58];
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(54), 0u + 0);
        // A zero size means "to the end of the file" (an unseekable writer); with nothing after it, no frames.
        Assert.Contains("empty latent array", Assert.Throws<LatentFormatException>(() => LatentWavCodec.Read(header)).Message, StringComparison.Ordinal);

        Assert.Throws<LatentFormatException>(() => new LatentArray(0, 8, []));
    }

    [Theory]
    [InlineData("not npy at all", "not a .npy file")]
    [InlineData("'<i8'", "dtype '<i8' is not float32 or float64")]
    [InlineData("(24,)", "shape (24,) is not (frames, dimensions)")]
    [InlineData("truncate", "(truncated)")]
    public void Bad_npy_files_say_what_is_wrong(string change, string expected)
    {
        byte[] file = Npy(LatentArray.FromRows(new double[,] { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 }, { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 }, { 1, 2, 3 }, { 4, 5, 6 } }), LatentPrecision.Bits64);
        string text = Encoding.Latin1.GetString(file);
        file = change switch
        {
            "not npy at all" => Encoding.ASCII.GetBytes(change),
            "truncate" => file[..^5],
            "(24,)" => Encoding.Latin1.GetBytes(text.Replace("(8, 3)", "(24,) ", StringComparison.Ordinal)),
            _ => Encoding.Latin1.GetBytes(text.Replace("'<f8'", change, StringComparison.Ordinal)),
        };
        Assert.Contains(expected, Assert.Throws<LatentFormatException>(() => NpyCodec.Read(file)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chunk_size_near_4_GiB_ends_the_walk_instead_of_wrapping()
    {
        byte[] wav = Wav(Wide());
        // The fact chunk (at 38) claims 0xFFFFFFF0 bytes: the data chunk after it is never reached.
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(42), 0xFFFFFFF0);
        Assert.Equal("no data chunk", Assert.Throws<LatentFormatException>(() => LatentWavCodec.Read(wav)).Message);
    }

    [Fact]
    public void Integer_pcm_wavs_are_refused_as_latents()
    {
        byte[] wav = Wav(Wide());
        BinaryPrimitives.WriteUInt16LittleEndian(wav.AsSpan(20), 1);
        Assert.Contains("integer PCM, not float", Assert.Throws<LatentFormatException>(() => LatentWavCodec.Read(wav)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Numpy_and_scipy_bytes_read_as_written()
    {
        // np.save(f, np.array([[1.5, -2.0], [3.25, 4.0]], dtype=np.float32)) byte for byte (numpy 1.24: a 118-byte header).
        string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }";
        string header = dict + new string(' ', 118 - dict.Length - 1) + "\n";
        byte[] file = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)header.Length, 0, .. Encoding.ASCII.GetBytes(header),
            .. BitConverter.GetBytes(1.5f), .. BitConverter.GetBytes(-2.0f), .. BitConverter.GetBytes(3.25f), .. BitConverter.GetBytes(4.0f)];
        Assert.Equal(new double[] { 1.5, -2, 3.25, 4 }, NpyCodec.Read(file).Values.ToArray());
        using var written = new MemoryStream();
        NpyCodec.Write(written, LatentArray.FromRows(new[,] { { 1.5, -2 }, { 3.25, 4 } }), LatentPrecision.Bits32);
        Assert.Equal(file, written.ToArray());

        // scipy.io.wavfile.write(f, 21, a) for a float64 array of shape (1, 2): fmt of 18 bytes, tag 3, a fact chunk.
        byte[] wav = [.. "RIFF"u8, .. BitConverter.GetBytes(66u), .. "WAVEfmt "u8, 18, 0, 0, 0, 3, 0, 2, 0, 21, 0, 0, 0, .. BitConverter.GetBytes(21u * 16), 16, 0, 64, 0, 0, 0,
            .. "fact"u8, 4, 0, 0, 0, 1, 0, 0, 0, .. "data"u8, 16, 0, 0, 0, .. BitConverter.GetBytes(1.5), .. BitConverter.GetBytes(-2.0)];
        Assert.Equal(new double[] { 1.5, -2 }, LatentWavCodec.Read(wav).Array.Values.ToArray());
        using var wavWritten = new MemoryStream();
        LatentWavCodec.Write(wavWritten, LatentArray.FromRows(new[,] { { 1.5, -2.0 } }), 21.5);
        Assert.Equal(wav, wavWritten.ToArray());
    }
}
