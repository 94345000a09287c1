using System.Buffers.Binary;
using LatentPlayground.Audio.Alsa;

namespace LatentPlayground.Audio.Tests.Alsa;

public sealed class PcmSampleConverterTests
{
    [Fact]
    public void Every_16_bit_value_survives_the_round_trip()
    {
        byte[] raw = new byte[65536 * 2];
        for (int v = short.MinValue; v <= short.MaxValue; v++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(raw.AsSpan((v - short.MinValue) * 2), (short)v);
        }

        Assert.Equal(raw, RoundTrip(PcmSampleFormat.S16LE, raw));
    }

    [Theory]
    [InlineData(PcmSampleFormat.S24LE)]
    [InlineData(PcmSampleFormat.S24Packed3LE)]
    public void Values_across_the_whole_24_bit_range_survive_the_round_trip(PcmSampleFormat format)
    {
        // Every 13th value from full-scale negative (both ends and zero included) is 1.3 million values:
        // the whole range's exponents, in well under a second even in a Debug build.
        const int step = 13;
        int[] values = [.. Enumerable.Range(0, ((1 << 24) / step) + 1).Select(i => Math.Min((i * step) - (1 << 23), (1 << 23) - 1)), 0, -1, 1];
        int count = values.Length;
        int width = format.BytesPerSample();
        byte[] raw = new byte[count * width];
        for (int i = 0; i < count; i++)
        {
            int v = values[i];
            if (width == 4)
            {
                BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(i * 4), v);
            }
            else
            {
                raw[i * 3] = (byte)v;
                raw[(i * 3) + 1] = (byte)(v >> 8);
                raw[(i * 3) + 2] = (byte)(v >> 16);
            }
        }

        Assert.True(raw.AsSpan().SequenceEqual(RoundTrip(format, raw)));
    }

    [Fact]
    public void S32_keeps_24_significant_bits_and_a_float_goes_out_exactly()
    {
        byte[] raw = RawSignal.Make(PcmSampleFormat.S32LE, 10000, seed: 1);
        Assert.Equal(raw, RoundTrip(PcmSampleFormat.S32LE, raw));

        // Full 32-bit values come back within one step of float32's 24-bit mantissa.
        byte[] full = new byte[4 * 4];
        int[] values = [int.MaxValue, int.MinValue, 0x12345677, -0x0FEDCBA9];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(full.AsSpan(i * 4), values[i]);
        }

        byte[] back = RoundTrip(PcmSampleFormat.S32LE, full);
        for (int i = 0; i < values.Length; i++)
        {
            long got = BinaryPrimitives.ReadInt32LittleEndian(back.AsSpan(i * 4));
            Assert.InRange(got - values[i], -128, 128);
        }
    }

    [Fact]
    public void Floats_in_range_pass_unchanged()
    {
        byte[] raw = RawSignal.Make(PcmSampleFormat.FloatLE, 10000, seed: 2);
        Assert.Equal(raw, RoundTrip(PcmSampleFormat.FloatLE, raw));
    }

    [Fact]
    public void S24_in_a_32_bit_word_ignores_the_top_byte()
    {
        byte[] raw = [0xFF, 0xFF, 0x7F, 0xAB, 0x00, 0x00, 0x80, 0x00];
        float[] samples = new float[2];

        PcmSampleConverter.ToFloat(PcmSampleFormat.S24LE, raw, samples);

        Assert.Equal(8388607f / 8388608f, samples[0]);
        Assert.Equal(-1f, samples[1]);
    }

    [Theory]
    [InlineData(PcmSampleFormat.S16LE, 32767, -32768)]
    [InlineData(PcmSampleFormat.S24LE, 8388607, -8388608)]
    [InlineData(PcmSampleFormat.S24Packed3LE, 8388607, -8388608)]
    [InlineData(PcmSampleFormat.S32LE, int.MaxValue, int.MinValue)]
    public void Out_of_range_clips_and_nan_is_silence(PcmSampleFormat format, int max, int min)
    {
        float[] samples = [1f, 2f, float.PositiveInfinity, -1f, -3f, float.NegativeInfinity, float.NaN, 0.5f];
        int width = format.BytesPerSample();
        byte[] raw = new byte[samples.Length * width];

        PcmSampleConverter.FromFloat(format, samples, raw);

        int[] got = [.. Enumerable.Range(0, samples.Length).Select(i => ReadInt(format, raw.AsSpan(i * width)))];
        Assert.Equal([max, max, max, min, min, min, 0, (int)(-(long)min / 2)], got);
    }

    [Fact]
    public void Float_output_clips_to_full_scale_and_nan_is_silence()
    {
        float[] samples = [1.5f, -7f, float.NaN, 0.25f];
        byte[] raw = new byte[samples.Length * 4];

        PcmSampleConverter.FromFloat(PcmSampleFormat.FloatLE, samples, raw);

        float[] got = [.. Enumerable.Range(0, samples.Length).Select(i => BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(i * 4)))];
        Assert.Equal([1f, -1f, 0f, 0.25f], got);
    }

    [Fact]
    public void Rounding_goes_to_the_nearest_step()
    {
        float[] samples = [(1000.4f / 32768f), (-1000.6f / 32768f)];
        byte[] raw = new byte[4];

        PcmSampleConverter.FromFloat(PcmSampleFormat.S16LE, samples, raw);

        Assert.Equal(1000, BinaryPrimitives.ReadInt16LittleEndian(raw));
        Assert.Equal(-1001, BinaryPrimitives.ReadInt16LittleEndian(raw.AsSpan(2)));
    }

    [Fact]
    public void A_short_buffer_is_refused()
    {
        Assert.Throws<ArgumentException>(() => PcmSampleConverter.ToFloat(PcmSampleFormat.S24Packed3LE, new byte[5], new float[2]));
        Assert.Throws<ArgumentException>(() => PcmSampleConverter.FromFloat(PcmSampleFormat.S32LE, new float[2], new byte[7]));
    }

    [Fact]
    public void Format_names_are_alsa_names()
    {
        Assert.Equal(["S16_LE", "S24_LE", "S32_LE", "FLOAT_LE", "S24_3LE"], PcmSampleFormats.All.Select(f => f.AlsaName()));
        Assert.True(PcmSampleFormats.TryParse("s24_3le", out PcmSampleFormat parsed));
        Assert.Equal(PcmSampleFormat.S24Packed3LE, parsed);
        Assert.False(PcmSampleFormats.TryParse("U8", out _));
    }

    private static byte[] RoundTrip(PcmSampleFormat format, byte[] raw)
    {
        float[] samples = new float[raw.Length / format.BytesPerSample()];
        PcmSampleConverter.ToFloat(format, raw, samples);
        byte[] back = new byte[raw.Length];
        PcmSampleConverter.FromFloat(format, samples, back);
        return back;
    }

    private static int ReadInt(PcmSampleFormat format, ReadOnlySpan<byte> at) => format switch
    {
        PcmSampleFormat.S16LE => BinaryPrimitives.ReadInt16LittleEndian(at),
        PcmSampleFormat.S24Packed3LE => at[0] | (at[1] << 8) | ((sbyte)at[2] << 16),
        _ => BinaryPrimitives.ReadInt32LittleEndian(at),
    };
}
