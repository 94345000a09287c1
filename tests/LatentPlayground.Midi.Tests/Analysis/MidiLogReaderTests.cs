using LatentPlayground.Midi.Analysis;

namespace LatentPlayground.Midi.Tests.Analysis;

public sealed class MidiLogReaderTests
{
    [Fact]
    public void Lines_give_times_and_bytes_and_blank_and_comment_lines_are_skipped()
    {
        const string log = "# a monitor log\n\n12.000417 F8\n  12.5\tF2 10 00   # SPP\n13 f21000\n13 B0 14 40\n";
        MidiLogLine[] lines = [.. MidiLogReader.Read(new StringReader(log), "log.txt")];
        Assert.Equal(4, lines.Length);
        Assert.Equal(3, lines[0].LineNumber);
        Assert.Equal(12.000417, lines[0].Time);
        Assert.Equal([0xF8], lines[0].Bytes);
        Assert.Equal([0xF2, 0x10, 0x00], lines[1].Bytes);
        Assert.Equal([0xF2, 0x10, 0x00], lines[2].Bytes);
        Assert.Equal(6, lines[3].LineNumber);
    }

    [Theory]
    [InlineData("1.0 F8\nabc F8\n", "log.txt:2: 'abc' is not a time in seconds (expected e.g. '12.000417 F8')")]
    [InlineData("1.0 F8\n2.0\n", "log.txt:2: no MIDI bytes after the time (expected e.g. '12.000417 F8')")]
    [InlineData("1.0 F8\n2.0 # nothing\n", "log.txt:2: no MIDI bytes after the time (expected e.g. '12.000417 F8')")]
    [InlineData("1.0 F8\n2.0 ZZ\n", "log.txt:2: 'ZZ' is not hex bytes (two hex digits per byte)")]
    [InlineData("1.0 F8\n2.0 F\n", "log.txt:2: 'F' is not hex bytes (two hex digits per byte)")]
    [InlineData("1.0 F8\n2.0 0xF8\n", "log.txt:2: '0xF8' is not hex bytes (two hex digits per byte)")]
    [InlineData("1.0 F8\n\n0.5 F8\n", "log.txt:3: time 0.5 goes back before the previous line's 1")]
    [InlineData("NaN F8\n", "log.txt:1: 'NaN' is not a time in seconds (expected e.g. '12.000417 F8')")]
    public void A_bad_line_names_the_file_and_line(string log, string message)
    {
        MidiLogFormatException e = Assert.Throws<MidiLogFormatException>(() => MidiLogReader.Read(new StringReader(log), "log.txt").ToList());
        Assert.Equal(message, e.Message);
    }
}
