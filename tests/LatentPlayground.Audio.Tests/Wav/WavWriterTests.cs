using System.Buffers.Binary;
using LatentPlayground.Audio.Wav;

namespace LatentPlayground.Audio.Tests.Wav;

/// <summary>The product writer: exact round trips, 24-bit rounding and clipping, header layout, streaming.</summary>
public class WavWriterTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Float32_round_trips_bit_exact(int channels)
    {
        float[][] samples = [.. Enumerable.Range(0, channels).Select(c => TestSignals.Floats(20 + c, 5000))];

        WavAudio back = RoundTrip(new WavAudio(48000, samples), WavSampleFormat.Float32);

        WavReaderFormatTests.AssertShape(back, 48000, channels, 5000, WavSampleFormat.Float32);
        for (int c = 0; c < channels; c++)
        {
            WavReaderFormatTests.AssertBitExact(samples[c], back.Samples[c]);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Pcm24_round_trips_bit_exact_on_the_24_bit_grid(int channels)
    {
        float[][] samples = [.. Enumerable.Range(0, channels).Select(c => TestSignals.Int24Grid(30 + c, 5001))];

        WavAudio back = RoundTrip(new WavAudio(44100, samples), WavSampleFormat.Pcm24);

        WavReaderFormatTests.AssertShape(back, 44100, channels, 5001, WavSampleFormat.Pcm24);
        for (int c = 0; c < channels; c++)
        {
            WavReaderFormatTests.AssertBitExact(samples[c], back.Samples[c]);
        }
    }

    [Theory]
    [InlineData(0f, 0)]
    [InlineData(1f, 8388607)]
    [InlineData(-1f, -8388608)]
    [InlineData(2f, 8388607)]
    [InlineData(-7f, -8388608)]
    [InlineData(float.PositiveInfinity, 8388607)]
    [InlineData(float.NegativeInfinity, -8388608)]
    [InlineData(float.NaN, 0)]
    [InlineData(0.5f / 8388608f, 0)]
    [InlineData(1.5f / 8388608f, 2)]
    [InlineData(2.5f / 8388608f, 2)]
    [InlineData(-0.5f / 8388608f, 0)]
    [InlineData(-1.5f / 8388608f, -2)]
    [InlineData(0.51f / 8388608f, 1)]
    [InlineData(0.99999994f, 8388607)]
    public void Pcm24_rounds_to_nearest_even_and_clips(float sample, int expected)
    {
        var stream = new MemoryStream();
        WavWriter.Write(stream, "out.wav", new WavAudio(48000, [[sample]]), WavSampleFormat.Pcm24);

        byte[] bytes = stream.ToArray();
        int written = bytes[44] | (bytes[45] << 8) | ((sbyte)bytes[46] << 16);
        Assert.Equal(expected, written);
    }

    [Fact]
    public void Pcm24_header_is_the_plain_44_byte_layout()
    {
        var stream = new MemoryStream();
        WavWriter.Write(stream, "out.wav", new WavAudio(48000, [new float[10], new float[10]]), WavSampleFormat.Pcm24);
        byte[] b = stream.ToArray();

        Assert.Equal(44 + 60, b.Length);
        AssertAscii(b, 0, "RIFF");
        Assert.Equal(b.Length - 8, (int)BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(4)));
        AssertAscii(b, 8, "WAVEfmt ");
        Assert.Equal(16u, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(16)));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(20)));
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(22)));
        Assert.Equal(48000u, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(24)));
        Assert.Equal(288000u, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(28)));
        Assert.Equal(6, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(32)));
        Assert.Equal(24, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(34)));
        AssertAscii(b, 36, "data");
        Assert.Equal(60u, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(40)));
    }

    [Fact]
    public void Float32_header_has_format_tag_3_and_a_fact_chunk()
    {
        var stream = new MemoryStream();
        WavWriter.Write(stream, "out.wav", new WavAudio(96000, [new float[7]]), WavSampleFormat.Float32);
        byte[] b = stream.ToArray();

        Assert.Equal(58 + 28, b.Length);
        Assert.Equal(b.Length - 8, (int)BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(4)));
        Assert.Equal(18u, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(16)));
        Assert.Equal(3, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(20)));
        Assert.Equal(32, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(34)));
        Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(36)));
        AssertAscii(b, 38, "fact");
        Assert.Equal(7u, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(46)));
        AssertAscii(b, 50, "data");
        Assert.Equal(28u, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(54)));
    }

    [Fact]
    public void An_odd_sized_data_chunk_gets_its_pad_byte_counted_in_the_riff_size()
    {
        var stream = new MemoryStream();
        float[] samples = TestSignals.Int24Grid(4, 3);
        WavWriter.Write(stream, "odd.wav", new WavAudio(48000, [samples]), WavSampleFormat.Pcm24);
        byte[] b = stream.ToArray();

        Assert.Equal(44 + 9 + 1, b.Length);
        Assert.Equal(9u, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(40)));
        Assert.Equal(b.Length - 8, (int)BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(4)));
        Assert.Equal(0, b[^1]);
        Assert.Equal(samples, WavReader.Read(new MemoryStream(b), "odd.wav").Samples[0]);
    }

    [Fact]
    public void Zero_frames_make_a_valid_empty_file()
    {
        WavAudio back = RoundTrip(new WavAudio(48000, [[], []]), WavSampleFormat.Float32);

        WavReaderFormatTests.AssertShape(back, 48000, 2, 0, WavSampleFormat.Float32);
    }

    [Theory]
    [InlineData(WavSampleFormat.Pcm24)]
    [InlineData(WavSampleFormat.Float32)]
    public void Writing_in_blocks_interleaved_or_planar_gives_the_same_file_as_writing_whole(WavSampleFormat format)
    {
        // Longer than the writer's 64 KiB buffer, in uneven blocks.
        float[][] samples = [TestSignals.Int24Grid(5, 40000), TestSignals.Int24Grid(6, 40000)];
        var whole = new MemoryStream();
        WavWriter.Write(whole, "whole.wav", new WavAudio(48000, samples), format);

        var planar = new MemoryStream();
        var interleaved = new MemoryStream();
        using (var p = new WavStreamWriter(planar, "planar.wav", 48000, 2, format, leaveOpen: true))
        using (var i = new WavStreamWriter(interleaved, "interleaved.wav", 48000, 2, format, leaveOpen: true))
        {
            for (int start = 0; start < 40000; start += 777)
            {
                int count = Math.Min(777, 40000 - start);
                p.WritePlanar(samples, start, count);
                float[] block = new float[count * 2];
                for (int f = 0; f < count; f++)
                {
                    block[2 * f] = samples[0][start + f];
                    block[(2 * f) + 1] = samples[1][start + f];
                }

                i.WriteInterleaved(block);
            }

            p.Finish();
            i.Finish();
            Assert.Equal(40000, p.FramesWritten);
        }

        Assert.Equal(whole.ToArray(), planar.ToArray());
        Assert.Equal(whole.ToArray(), interleaved.ToArray());
    }

    [Fact]
    public void The_writer_refuses_what_it_does_not_produce()
    {
        var stream = new MemoryStream();
        Assert.Throws<ArgumentOutOfRangeException>(() => new WavStreamWriter(stream, "x", 48000, 2, WavSampleFormat.Pcm16));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WavStreamWriter(stream, "x", 48000, 2, WavSampleFormat.Pcm32));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WavStreamWriter(stream, "x", 48000, 3, WavSampleFormat.Float32));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WavStreamWriter(stream, "x", 0, 2, WavSampleFormat.Float32));
        Assert.Throws<ArgumentException>(() => new WavStreamWriter(new NonSeekableStream(), "x", 48000, 2, WavSampleFormat.Float32));
    }

    [Fact]
    public void Misfitting_blocks_are_refused_and_nothing_is_appended_after_finish()
    {
        var stream = new MemoryStream();
        using var writer = new WavStreamWriter(stream, "x", 48000, 2, WavSampleFormat.Float32);
        Assert.Throws<ArgumentException>(() => writer.WriteInterleaved(new float[3]));
        Assert.Throws<ArgumentException>(() => writer.WritePlanar([new float[4]], 0, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WritePlanar([new float[4], new float[4]], 2, 3));
        writer.Finish();
        Assert.Throws<InvalidOperationException>(() => writer.WriteInterleaved(new float[2]));
    }

    [Fact]
    public void Audio_refuses_channels_of_different_lengths() =>
        Assert.Throws<ArgumentException>(() => new WavAudio(48000, [new float[3], new float[4]]));

    private static WavAudio RoundTrip(WavAudio audio, WavSampleFormat format)
    {
        var stream = new MemoryStream();
        WavWriter.Write(stream, "trip.wav", audio, format);
        stream.Position = 0;
        return WavReader.Read(stream, "trip.wav");
    }

    private static void AssertAscii(byte[] bytes, int offset, string text) =>
        Assert.Equal(text, System.Text.Encoding.ASCII.GetString(bytes, offset, text.Length));

    private sealed class NonSeekableStream : MemoryStream
    {
        public override bool CanSeek => false;
    }
}
