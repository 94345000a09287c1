using System.Globalization;
using System.Xml.Linq;

namespace LatentPlayground.Tests;

public sealed class ModulateCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lp-modulate-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Csv_has_a_header_and_one_row_per_frame_in_range()
    {
        var (code, output, error) = CliRunner.Run("modulate", "--basis", "cell", "--seed", "3", "--frames", "50", "--format", "csv");
        Assert.Equal(0, code);
        Assert.Empty(error);
        string[] lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal("frame,z1,z2,z3,z4,z5,z6,z7,z8", lines[0]);
        Assert.Equal(51, lines.Length);
        for (int f = 1; f < lines.Length; f++)
        {
            string[] cells = lines[f].Split(',');
            Assert.Equal((f - 1).ToString(CultureInfo.InvariantCulture), cells[0]);
            Assert.Equal(9, cells.Length);
            Assert.All(cells.Skip(1), c => Assert.InRange(double.Parse(c, CultureInfo.InvariantCulture), -3.0, 3.0));
        }
    }

    [Fact]
    public void The_same_arguments_give_the_same_bytes_and_link_gives_equal_columns()
    {
        string[] args = ["modulate", "--basis", "fractal", "--seed", "9", "--frames", "100", "--speed", "700", "--link", "--format", "csv"];
        var first = CliRunner.Run(args);
        var second = CliRunner.Run(args);
        Assert.Equal(first.Out, second.Out);
        foreach (string line in first.Out.Split('\n').Skip(1).Where(l => l.Length > 0))
        {
            string[] cells = line.Split(',');
            Assert.All(cells.Skip(2), c => Assert.Equal(cells[1], c));
        }
    }

    [Fact]
    public void Time_with_a_tempo_loops_the_trajectories()
    {
        // At 240 BPM a 1/1 note is one second: 23.4375 frames, so frame 0 and the first frame of each bar match.
        var (code, output, _) = CliRunner.Run("modulate", "--basis", "simplex", "--seed", "1", "--frames", "100", "--bpm", "240", "--time", "1/1", "--format", "csv");
        Assert.Equal(0, code);
        string[] rows = output.Split('\n');
        Assert.Equal(rows[1].Split(',').Skip(1), rows[1 + 24].Split(',').Skip(1));
        Assert.Equal(rows[1].Split(',').Skip(1), rows[1 + 47].Split(',').Skip(1));
    }

    [Fact]
    public void Svg_draws_eight_trajectories_into_an_atomically_written_file()
    {
        string path = Path.Combine(_folder, "t.svg");
        var (code, output, error) = CliRunner.Run("modulate", "--basis", "voronoi", "--seed", "5", "--frames", "300", "--format", "svg", "--out", path);
        Assert.True(code == 0, error);
        Assert.Empty(output);
        XDocument svg = XDocument.Load(path);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var lines = svg.Descendants(ns + "polyline").ToList();
        Assert.Equal(8, lines.Count);
        Assert.All(lines, l => Assert.Equal(300, l.Attribute("points")!.Value.Trim().Split(' ').Length));
        Assert.Equal([Path.GetFileName(path)], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("--basis", "sine")]
    [InlineData("--frames", "0")]
    [InlineData("--frames", "many")]
    [InlineData("--speed", "5000")]
    [InlineData("--mode", "bounce")]
    [InlineData("--format", "png")]
    [InlineData("--time", "1/4")]
    [InlineData("--time", "1/5", "--bpm", "120")]
    [InlineData("--bpm", "5000")]
    [InlineData("--set", "nonsense=1")]
    [InlineData("--colour", "red")]
    public void Wrong_arguments_give_one_short_message_and_exit_code_2(params string[] extra)
    {
        var (code, output, error) = CliRunner.Run(["modulate", "--frames", "10", .. extra]);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("latentplayground: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unwritable_output_leaves_nothing_behind()
    {
        string path = Path.Combine(_folder, "missing-folder", "t.csv");
        var (code, _, error) = CliRunner.Run("modulate", "--frames", "10", "--out", path);
        Assert.NotEqual(0, code);
        Assert.Contains("missing-folder", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void Params_lists_the_whole_table()
    {
        var (code, output, _) = CliRunner.Run("params");
        Assert.Equal(0, code);
        Assert.Contains("time.8.ms", output, StringComparison.Ordinal);
        Assert.Contains("cell | simplex | perlin | distorted | voronoi | fractal", output, StringComparison.Ordinal);
    }
}
