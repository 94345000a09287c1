using System.Globalization;
using System.Text.RegularExpressions;
using LatentPlayground.Midi.Tests.Analysis;

namespace LatentPlayground.Midi.Tests.Cli;

public sealed partial class MidiCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lp-midi-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Analyze_prints_a_header_a_row_per_beat_and_the_final_tempo()
    {
        string example = Path.Combine(AppContext.BaseDirectory, "Data", ClockLogWriter.FileName);
        var (code, output, error) = Run("midi", "analyze", example);
        Assert.True(code == 0, error);
        Assert.Empty(error);

        string[] lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal("beat,time_s,bpm,state", lines[0]);
        Assert.All(lines[1..^1], l => Assert.Matches(RowPattern(), l));
        Assert.Equal(27 + 1, lines.Length - 2); // 27 beats and the loss
        Assert.Equal("1,1.499", lines[1][..7]);
        Assert.Contains(lines, l => l.EndsWith(",lost", StringComparison.Ordinal));
        Assert.Matches(FinalPattern(), lines[^1]);
        double final = double.Parse(lines[^1]["final_bpm=".Length..], CultureInfo.InvariantCulture);
        Assert.InRange(final, 119.95, 120.05);
    }

    [Fact]
    public void A_log_without_clock_ends_with_final_bpm_none()
    {
        string path = Write("none.log", "0.1 B0 01 02\n");
        var (code, output, _) = Run("midi", "analyze", path);
        Assert.Equal(0, code);
        Assert.Equal("beat,time_s,bpm,state\nfinal_bpm=none\n", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_bad_line_is_one_message_naming_file_and_line_and_exit_2()
    {
        string path = Write("bad.log", "# log\n0.000 F8\n0.021 F8 ZZ\n");
        var (code, output, error) = Run("midi", "analyze", path);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal($"latentplayground: {path}:3: 'ZZ' is not hex bytes (two hex digits per byte)\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_missing_file_or_argument_is_exit_2()
    {
        string path = Path.Combine(_folder, "absent.log");
        var (code, _, error) = Run("midi", "analyze", path);
        Assert.Equal(2, code);
        Assert.Equal($"latentplayground: {path}: no such file\n", error.ReplaceLineEndings("\n"));

        (code, _, error) = Run("midi", "analyze");
        Assert.Equal(2, code);
        Assert.Single(error.TrimEnd('\n').Split('\n'));

        (code, _, error) = Run("midi", "analyze", _folder);
        Assert.Equal(2, code);
        Assert.Contains("is a folder", error, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Code, string Out, string Error) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = LatentPlayground.Cli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [GeneratedRegex(@"^\d+(\.\d{1,3})?,\d+\.\d{6},\d+\.\d{2},(stopped|running|lost)$")]
    private static partial Regex RowPattern();

    [GeneratedRegex(@"^final_bpm=\d+\.\d{2}$")]
    private static partial Regex FinalPattern();
}
