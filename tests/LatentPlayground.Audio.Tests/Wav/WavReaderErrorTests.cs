using System.Text;
using LatentPlayground.Audio.Wav;

namespace LatentPlayground.Audio.Tests.Wav;

/// <summary>Every malformed or unsupported file fails with one line naming the file and the problem.</summary>
public class WavReaderErrorTests
{
    private const string Name = "in.wav";

    [Fact]
    public void Text_is_not_a_wav_file() =>
        AssertFails(Encoding.ASCII.GetBytes("hello, this is not audio at all"), "not a WAV file (no RIFF header)");

    [Fact]
    public void An_empty_file_is_not_a_wav_file() =>
        AssertFails([], "not a WAV file (empty)");

    [Fact]
    public void Three_bytes_are_not_a_wav_file() =>
        AssertFails("RIF"u8.ToArray(), "not a WAV file (no RIFF header)");

    [Fact]
    public void A_riff_file_of_another_form_is_refused() =>
        AssertFails(RiffBytes.Riff("AVI ", RiffBytes.Chunk("LIST", new byte[10])), "RIFF file but not WAVE (form type 'AVI ')");

    [Fact]
    public void Big_endian_rifx_is_refused() =>
        AssertFails([.. "RIFX"u8, .. RiffBytes.ValidStereo16()[4..]], "unsupported format: big-endian RIFX");

    [Fact]
    public void Rf64_is_refused() =>
        AssertFails([.. "RF64"u8, .. RiffBytes.ValidStereo16()[4..]], "unsupported format: RF64 (WAV larger than 4 GiB)");

    [Fact]
    public void A_file_cut_inside_the_riff_header_is_truncated() =>
        AssertFails(RiffBytes.ValidStereo16()[..10], "truncated header (10 of 12 bytes)");

    [Fact]
    public void A_file_cut_inside_a_chunk_header_is_truncated() =>
        AssertFails(RiffBytes.ValidStereo16()[..16], "truncated: incomplete chunk header at byte 12 (4 of 8 bytes)");

    [Fact]
    public void A_file_cut_inside_the_fmt_chunk_is_truncated() =>
        AssertFails(RiffBytes.ValidStereo16()[..30], "truncated: fmt chunk says 16 bytes, file has 10");

    [Fact]
    public void A_file_cut_inside_the_data_is_truncated()
    {
        // Header 44 bytes, then 96000 bytes of data announced and 1200 present.
        byte[] file = RiffBytes.Wave(RiffBytes.Fmt(RiffBytes.Pcm, 2, 48000, 16), RiffBytes.ChunkWithSize("data", 96000, new byte[1200]));
        AssertFails(file, "truncated: data chunk says 96000 bytes, file has 1200");
    }

    [Fact]
    public void An_unset_data_size_is_treated_as_truncation()
    {
        byte[] file = RiffBytes.Wave(RiffBytes.Fmt(RiffBytes.Pcm, 2, 48000, 16), RiffBytes.ChunkWithSize("data", uint.MaxValue, new byte[400]));
        AssertFails(file, "truncated: data chunk says 4294967295 bytes (the unset size of an unfinished or streamed file), file has 400");
    }

    [Fact]
    public void An_oversized_chunk_before_the_data_is_truncation_not_a_missing_chunk()
    {
        byte[] file = RiffBytes.Wave(RiffBytes.Fmt(RiffBytes.Pcm, 2, 48000, 16), RiffBytes.ChunkWithSize("LIST", 1000, new byte[20]));
        AssertFails(file, "truncated: LIST chunk says 1000 bytes, file has 20");
    }

    [Fact]
    public void Garbage_chunk_ids_are_shown_printable()
    {
        byte[] file = RiffBytes.Wave(RiffBytes.Fmt(RiffBytes.Pcm, 2, 48000, 16), [0x01, 0xFF, (byte)'a', (byte)'\n', .. RiffBytes.U32(50), 1, 2]);
        AssertFails(file, "truncated: ??a? chunk says 50 bytes, file has 2");
    }

    [Fact]
    public void A_file_without_fmt_chunk_is_refused() =>
        AssertFails(RiffBytes.Wave(RiffBytes.Chunk("LIST", new byte[8]), RiffBytes.Data(new byte[40])), "no fmt chunk");

    [Fact]
    public void A_bare_wave_header_has_no_fmt_chunk() =>
        AssertFails(RiffBytes.Wave(), "no fmt chunk");

    [Fact]
    public void A_file_without_data_chunk_is_refused() =>
        AssertFails(RiffBytes.Wave(RiffBytes.Fmt(RiffBytes.Pcm, 2, 48000, 16), RiffBytes.Chunk("LIST", new byte[8])), "no data chunk");

    [Fact]
    public void A_short_fmt_chunk_is_refused() =>
        AssertFails(RiffBytes.Wave(RiffBytes.Chunk("fmt ", new byte[14]), RiffBytes.Data(new byte[4])), "fmt chunk too short (14 bytes, need 16)");

    [Fact]
    public void A_short_extensible_fmt_chunk_is_refused()
    {
        byte[] fmt = [.. RiffBytes.U16(RiffBytes.Extensible), .. RiffBytes.U16(2), .. RiffBytes.U32(48000), .. RiffBytes.U32(192000), .. RiffBytes.U16(4), .. RiffBytes.U16(16), .. RiffBytes.U16(0)];
        AssertFails(RiffBytes.Wave(RiffBytes.Chunk("fmt ", fmt), RiffBytes.Data(new byte[4])), "extensible fmt chunk too short (18 bytes, need 40)");
    }

    [Theory]
    [InlineData(RiffBytes.Pcm, 8, "unsupported format: 8-bit PCM (supported: 16/24/32-bit PCM, 32-bit float)")]
    [InlineData(RiffBytes.Pcm, 12, "unsupported format: 12-bit PCM (supported: 16/24/32-bit PCM, 32-bit float)")]
    [InlineData(RiffBytes.Pcm, 64, "unsupported format: 64-bit PCM (supported: 16/24/32-bit PCM, 32-bit float)")]
    [InlineData(RiffBytes.Float, 64, "unsupported format: 64-bit float (supported: 16/24/32-bit PCM, 32-bit float)")]
    [InlineData(RiffBytes.Float, 16, "unsupported format: 16-bit float (supported: 16/24/32-bit PCM, 32-bit float)")]
    public void Unsupported_bit_depths_are_refused(ushort tag, int bits, string problem) =>
        AssertFails(RiffBytes.Wave(RiffBytes.Fmt(tag, 1, 48000, bits, blockAlign: Math.Max(1, bits / 8)), RiffBytes.Data(new byte[16])), problem);

    [Theory]
    [InlineData(6, "unsupported format: A-law, format tag 0x0006 (supported: 16/24/32-bit PCM, 32-bit float)")]
    [InlineData(7, "unsupported format: mu-law, format tag 0x0007 (supported: 16/24/32-bit PCM, 32-bit float)")]
    [InlineData(2, "unsupported format: Microsoft ADPCM, format tag 0x0002 (supported: 16/24/32-bit PCM, 32-bit float)")]
    [InlineData(0x55, "unsupported format: MPEG Layer 3, format tag 0x0055 (supported: 16/24/32-bit PCM, 32-bit float)")]
    [InlineData(0x1234, "unsupported format: format tag 0x1234 (supported: 16/24/32-bit PCM, 32-bit float)")]
    public void Unsupported_format_tags_are_refused_by_name(ushort tag, string problem) =>
        AssertFails(RiffBytes.Wave(RiffBytes.Fmt(tag, 1, 8000, 8), RiffBytes.Data(new byte[16])), problem);

    [Fact]
    public void An_extensible_a_law_file_is_refused() =>
        AssertFails(
            RiffBytes.Wave(RiffBytes.FmtExtensible(6, 1, 8000, 8, 8), RiffBytes.Data(new byte[16])),
            "unsupported format: A-law, extensible sub-format 0x0006 (supported: 16/24/32-bit PCM, 32-bit float)");

    [Fact]
    public void An_extensible_file_with_a_foreign_sub_format_guid_is_refused()
    {
        byte[] fmt = RiffBytes.FmtExtensible(1, 2, 48000, 16, 16);
        fmt[^1] = 0x00;
        AssertFails(
            RiffBytes.Wave(fmt, RiffBytes.Data(new byte[16])),
            "unsupported format: extensible sub-format 00000001-0000-0010-8000-00aa00389b00 (supported: 16/24/32-bit PCM, 32-bit float)");
    }

    [Theory]
    [InlineData(6)]
    [InlineData(3)]
    [InlineData(0)]
    public void Channel_counts_other_than_one_or_two_are_refused(int channels) =>
        AssertFails(
            RiffBytes.Wave(RiffBytes.Fmt(RiffBytes.Pcm, channels, 48000, 16, blockAlign: 2 * Math.Max(1, channels)), RiffBytes.Data(new byte[24])),
            $"{channels} channels (supported: mono or stereo)");

    [Fact]
    public void A_zero_sample_rate_is_refused() =>
        AssertFails(RiffBytes.Wave(RiffBytes.Fmt(RiffBytes.Pcm, 2, 0, 16), RiffBytes.Data(new byte[8])), "sample rate is 0 Hz");

    [Fact]
    public void A_sample_rate_beyond_int_range_is_refused() =>
        AssertFails(RiffBytes.Wave(RiffBytes.Fmt(RiffBytes.Pcm, 1, unchecked((int)3_000_000_000u), 16), RiffBytes.Data(new byte[8])), "sample rate 3000000000 Hz is out of range");

    [Fact]
    public void A_block_align_that_disagrees_with_the_format_is_refused() =>
        AssertFails(
            RiffBytes.Wave(RiffBytes.Fmt(RiffBytes.Pcm, 2, 48000, 16, blockAlign: 3), RiffBytes.Data(new byte[12])),
            "block align is 3 bytes, expected 4 for 2 channel(s) of 16-bit PCM");

    [Fact]
    public void A_missing_file_is_reported_by_name()
    {
        using var folder = new TempFolder();
        string path = folder.File("nope.wav");
        var e = Assert.Throws<WavFileException>(() => WavReader.Read(path));
        Assert.Equal($"{path}: no such file", e.Message);
        Assert.IsType<LatentPlayground.Files.InputFileException>(e.InnerException);
    }

    [Fact]
    public void A_folder_is_not_read_as_a_file()
    {
        using var folder = new TempFolder();
        var e = Assert.Throws<WavFileException>(() => WavReader.Read(folder.Path));
        Assert.Equal($"{folder.Path}: is a folder, not a file", e.Message);
    }

    [Fact]
    public void Errors_from_a_file_on_disk_name_that_file()
    {
        using var folder = new TempFolder();
        string path = folder.File("in.wav");
        File.WriteAllBytes(path, RiffBytes.ValidStereo16()[..30]);

        var e = Assert.Throws<WavFileException>(() => WavReader.Read(path));

        Assert.Equal($"{path}: truncated: fmt chunk says 16 bytes, file has 10", e.Message);
        Assert.Equal(path, e.FileName);
        Assert.Equal("truncated: fmt chunk says 16 bytes, file has 10", e.Problem);
    }

    private static void AssertFails(byte[] file, string problem)
    {
        var e = Assert.Throws<WavFileException>(() => WavReader.Read(new MemoryStream(file), Name));
        Assert.Equal($"{Name}: {problem}", e.Message);
        Assert.Equal(Name, e.FileName);
        Assert.DoesNotContain('\n', e.Message);
    }
}
