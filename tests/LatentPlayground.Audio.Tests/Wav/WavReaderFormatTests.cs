using LatentPlayground.Audio.Wav;

namespace LatentPlayground.Audio.Tests.Wav;

/// <summary>Files written by the test-side writer in every supported format read back bit for bit.</summary>
public class WavReaderFormatTests
{
    private const int Frames = 1000;

    [Theory]
    [InlineData(WavSampleFormat.Pcm16, 1)]
    [InlineData(WavSampleFormat.Pcm16, 2)]
    [InlineData(WavSampleFormat.Pcm24, 1)]
    [InlineData(WavSampleFormat.Pcm24, 2)]
    [InlineData(WavSampleFormat.Pcm32, 1)]
    [InlineData(WavSampleFormat.Pcm32, 2)]
    public void Integer_pcm_reads_scaled_by_full_scale_and_converts_back_exactly(WavSampleFormat format, int channels)
    {
        int bits = format.BitsPerSample;
        int[][] ints = IntegerFixture(format, channels);
        byte[] file = RiffBytes.Wave(RiffBytes.Fmt(RiffBytes.Pcm, channels, 44100, bits), RiffBytes.Data(RiffBytes.IntSamples(bits, ints)));

        WavAudio audio = WavReader.Read(new MemoryStream(file), "fixture.wav");

        AssertShape(audio, 44100, channels, Frames, format);
        double fullScale = Math.Pow(2, bits - 1);
        for (int c = 0; c < channels; c++)
        {
            float[] expected = [.. ints[c].Select(v => (float)(v / fullScale))];
            AssertBitExact(expected, audio.Samples[c]);
            Assert.Equal(ints[c], audio.Samples[c].Select(x => (int)(x * fullScale)));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Float32_reads_bit_exact_including_values_beyond_full_scale(int channels)
    {
        float[][] floats = [.. Enumerable.Range(0, channels).Select(c => TestSignals.Floats(10 + c, Frames))];
        byte[] file = RiffBytes.Wave(RiffBytes.Fmt(RiffBytes.Float, channels, 96000, 32), RiffBytes.Data(RiffBytes.FloatSamples(floats)));

        WavAudio audio = WavReader.Read(new MemoryStream(file), "fixture.wav");

        AssertShape(audio, 96000, channels, Frames, WavSampleFormat.Float32);
        for (int c = 0; c < channels; c++)
        {
            AssertBitExact(floats[c], audio.Samples[c]);
        }
    }

    [Theory]
    [InlineData(RiffBytes.Pcm, 16, 16, WavSampleFormat.Pcm16)]
    [InlineData(RiffBytes.Pcm, 24, 24, WavSampleFormat.Pcm24)]
    [InlineData(RiffBytes.Pcm, 24, 20, WavSampleFormat.Pcm24)]
    [InlineData(RiffBytes.Pcm, 32, 32, WavSampleFormat.Pcm32)]
    [InlineData(RiffBytes.Float, 32, 32, WavSampleFormat.Float32)]
    public void Extensible_format_reads_like_the_plain_tag(ushort subFormat, int bits, int validBits, WavSampleFormat expected)
    {
        byte[] samples = subFormat == RiffBytes.Float
            ? RiffBytes.FloatSamples([0.25f, -0.5f], [0.75f, -1f])
            : RiffBytes.IntSamples(bits, [1 << (bits - 3), -(1 << (bits - 2))], [3 << (bits - 3), -(1 << (bits - 1))]);
        byte[] file = RiffBytes.Wave(RiffBytes.FmtExtensible(subFormat, 2, 48000, bits, validBits), RiffBytes.Data(samples));

        WavAudio audio = WavReader.Read(new MemoryStream(file), "extensible.wav");

        AssertShape(audio, 48000, 2, 2, expected);
        Assert.Equal([0.25f, -0.5f], audio.Samples[0]);
        Assert.Equal([0.75f, -1f], audio.Samples[1]);
    }

    [Fact]
    public void Int32_full_scale_stays_below_one()
    {
        byte[] file = RiffBytes.Wave(RiffBytes.Fmt(RiffBytes.Pcm, 1, 48000, 32), RiffBytes.Data(RiffBytes.IntSamples(32, [int.MaxValue, int.MinValue, int.MaxValue - 63])));

        WavAudio audio = WavReader.Read(new MemoryStream(file), "full.wav");

        Assert.Equal(MathF.BitDecrement(1f), audio.Samples[0][0]);
        Assert.Equal(-1f, audio.Samples[0][1]);
        Assert.Equal(MathF.BitDecrement(1f), audio.Samples[0][2]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8000)]
    [InlineData(22050)]
    [InlineData(192000)]
    [InlineData(int.MaxValue)]
    public void Any_sample_rate_is_accepted(int sampleRate)
    {
        byte[] file = RiffBytes.Wave(RiffBytes.Fmt(RiffBytes.Pcm, 1, sampleRate, 16), RiffBytes.Data(RiffBytes.IntSamples(16, [1, 2, 3])));

        Assert.Equal(sampleRate, WavReader.Read(new MemoryStream(file), "rate.wav").SampleRate);
    }

    [Fact]
    public void An_empty_data_chunk_gives_zero_frames()
    {
        byte[] file = RiffBytes.Wave(RiffBytes.Fmt(RiffBytes.Pcm, 2, 48000, 24), RiffBytes.Data([]));

        WavAudio audio = WavReader.Read(new MemoryStream(file), "empty.wav");

        AssertShape(audio, 48000, 2, 0, WavSampleFormat.Pcm24);
    }

    [Fact]
    public void A_file_on_disk_reads_like_the_same_bytes_in_a_stream()
    {
        using var folder = new TempFolder();
        string path = folder.File("disk.wav");
        byte[] bytes = RiffBytes.ValidStereo16();
        File.WriteAllBytes(path, bytes);

        WavAudio fromFile = WavReader.Read(path);
        WavAudio fromStream = WavReader.Read(new MemoryStream(bytes), "disk.wav");

        AssertShape(fromFile, 48000, 2, 100, WavSampleFormat.Pcm16);
        Assert.Equal(fromStream.Samples[0], fromFile.Samples[0]);
        Assert.Equal(fromStream.Samples[1], fromFile.Samples[1]);
    }

    [Fact]
    public void A_file_longer_than_one_read_block_is_read_whole()
    {
        // 3 MiB of 24-bit stereo spans several of the reader's 1 MiB blocks, with a partial last block.
        int frames = (3 << 20) / 6 + 7;
        int[][] ints = [TestSignals.Integers(1, frames, -8388608, 8388607), TestSignals.Integers(2, frames, -8388608, 8388607)];
        byte[] file = RiffBytes.Wave(RiffBytes.Fmt(RiffBytes.Pcm, 2, 48000, 24), RiffBytes.Data(RiffBytes.IntSamples(24, ints)));

        WavAudio audio = WavReader.Read(new MemoryStream(file), "long.wav");

        Assert.Equal(frames, audio.Frames);
        for (int c = 0; c < 2; c++)
        {
            Assert.Equal(ints[c], audio.Samples[c].Select(x => (int)(x * 8388608f)));
        }
    }

    [Fact]
    public void A_wav_embedded_in_a_stream_is_read_from_the_current_position()
    {
        byte[] wav = RiffBytes.ValidStereo16();
        var stream = new MemoryStream([.. new byte[13], .. wav]) { Position = 13 };

        Assert.Equal(100, WavReader.Read(stream, "embedded").Frames);
    }

    private static int[][] IntegerFixture(WavSampleFormat format, int channels)
    {
        int bits = format.BitsPerSample;
        int max = (int)((1L << (bits - 1)) - 1);
        // int32 samples kept to 24 significant bits, the ones a float holds exactly.
        int multipleOf = format == WavSampleFormat.Pcm32 ? 256 : 1;
        return [.. Enumerable.Range(0, channels).Select(c => TestSignals.Integers(bits + c, Frames, -max - 1, max, multipleOf))];
    }

    internal static void AssertShape(WavAudio audio, int sampleRate, int channels, int frames, WavSampleFormat format)
    {
        Assert.Equal(sampleRate, audio.SampleRate);
        Assert.Equal(channels, audio.Channels);
        Assert.Equal(frames, audio.Frames);
        Assert.Equal(format, audio.SourceFormat);
        Assert.Equal(channels, audio.Samples.Count);
        Assert.All(audio.Samples, s => Assert.Equal(frames, s.Length));
    }

    internal static void AssertBitExact(float[] expected, float[] actual) =>
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), actual.Select(BitConverter.SingleToInt32Bits));
}
