using LatentPlayground.Audio.Wav;

namespace LatentPlayground.Audio.Tests.Wav;

/// <summary>What the reader accepts from real-world files that bend the rules without losing audio.</summary>
public class WavReaderToleranceTests
{
    private static readonly int[] Left = [100, -200, 300];
    private static readonly int[] Right = [-400, 500, -600];

    [Fact]
    public void Unknown_chunks_before_and_after_fmt_are_skipped()
    {
        byte[] file = RiffBytes.Wave(
            RiffBytes.Chunk("JUNK", new byte[28]),
            RiffBytes.Chunk("bext", new byte[602]),
            RiffBytes.Fmt(RiffBytes.Pcm, 2, 48000, 16),
            RiffBytes.Chunk("LIST", [.. "INFOISFT"u8, .. RiffBytes.U32(6), .. "sox.."u8, 0]),
            RiffBytes.Data(RiffBytes.IntSamples(16, Left, Right)));

        AssertReadsLeftRight(file);
    }

    [Fact]
    public void Odd_sized_chunks_are_followed_by_their_pad_byte()
    {
        // Three odd chunks: without honouring the pad byte the walk would land one byte off and find no fmt.
        byte[] file = RiffBytes.Wave(
            RiffBytes.Chunk("odd1", [1, 2, 3]),
            RiffBytes.Chunk("odd2", [0x66, 0x6D, 0x74, 0x20, 9]),
            RiffBytes.Fmt(RiffBytes.Pcm, 2, 48000, 16),
            RiffBytes.Chunk("odd3", [7]),
            RiffBytes.Data(RiffBytes.IntSamples(16, Left, Right)));

        AssertReadsLeftRight(file);
    }

    [Fact]
    public void An_odd_sized_data_chunk_may_lack_its_final_pad_byte()
    {
        // 24-bit mono, 3 frames: 9 bytes of data, pad byte cut off at the end of the file.
        byte[] file = RiffBytes.Wave(RiffBytes.Fmt(RiffBytes.Pcm, 1, 48000, 24), RiffBytes.Data(RiffBytes.IntSamples(24, Left)));
        Assert.Equal(0, file[^1]);

        WavAudio audio = WavReader.Read(new MemoryStream(file[..^1]), "odd.wav");

        Assert.Equal(Left, audio.Samples[0].Select(x => (int)(x * 8388608)));
    }

    [Fact]
    public void A_data_chunk_before_the_fmt_chunk_is_found()
    {
        byte[] file = RiffBytes.Wave(RiffBytes.Data(RiffBytes.IntSamples(16, Left, Right)), RiffBytes.Fmt(RiffBytes.Pcm, 2, 48000, 16));

        AssertReadsLeftRight(file);
    }

    [Fact]
    public void Junk_after_the_data_chunk_is_ignored()
    {
        byte[] file = [.. RiffBytes.Wave(RiffBytes.Fmt(RiffBytes.Pcm, 2, 48000, 16), RiffBytes.Data(RiffBytes.IntSamples(16, Left, Right))), 0xDE, 0xAD, 0xBE];

        AssertReadsLeftRight(file);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(8u)]
    [InlineData(uint.MaxValue)]
    public void A_wrong_riff_size_is_ignored(uint riffSize)
    {
        byte[] file = RiffBytes.Wave(RiffBytes.Fmt(RiffBytes.Pcm, 2, 48000, 16), RiffBytes.Data(RiffBytes.IntSamples(16, Left, Right)));
        RiffBytes.U32(riffSize).CopyTo(file, 4);

        AssertReadsLeftRight(file);
    }

    [Fact]
    public void A_partial_last_frame_is_dropped()
    {
        byte[] data = [.. RiffBytes.IntSamples(16, Left, Right), 0x11, 0x22];

        WavAudio audio = WavReader.Read(new MemoryStream(RiffBytes.Wave(RiffBytes.Fmt(RiffBytes.Pcm, 2, 48000, 16), RiffBytes.Data(data))), "partial.wav");

        Assert.Equal(3, audio.Frames);
    }

    [Fact]
    public void A_fmt_chunk_with_extra_bytes_is_read()
    {
        byte[] fmt = RiffBytes.Fmt(RiffBytes.Pcm, 2, 48000, 16);
        byte[] longer = RiffBytes.Chunk("fmt ", [.. fmt[8..], .. RiffBytes.U16(0), 1, 2, 3, 4, 5]);

        AssertReadsLeftRight(RiffBytes.Wave(longer, RiffBytes.Data(RiffBytes.IntSamples(16, Left, Right))));
    }

    private static void AssertReadsLeftRight(byte[] file)
    {
        WavAudio audio = WavReader.Read(new MemoryStream(file), "tolerant.wav");
        Assert.Equal(Left, audio.Samples[0].Select(x => (int)(x * 32768)));
        Assert.Equal(Right, audio.Samples[1].Select(x => (int)(x * 32768)));
    }
}
