using System.Globalization;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Xy;
using LatentPlayground.Xy;

namespace LatentPlayground.Tests.Xy;

/// <summary><c>xy new</c>, <c>add</c>, <c>train</c> and <c>show</c> as a user runs them, and what they refuse.</summary>
public sealed class XyCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lp-xy-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private static (int Code, string Out, string Error) Xy(params string[] args) => CliRunner.Run(["xy", .. args]);

    private static void AssertRefused((int Code, string Out, string Error) r, string expected)
    {
        Assert.True(r.Code == 2, $"exit {r.Code}: {r.Error}");
        Assert.Single(r.Error.Trim().Split('\n'));
        Assert.StartsWith("latentplayground: ", r.Error, StringComparison.Ordinal);
        Assert.Contains(expected, r.Error, StringComparison.Ordinal);
        Assert.Equal("", r.Out);
    }

    // Three corners apart in offset.1 and seed.1: enough to train and to tell the points apart.
    private string ThreePoints(string name = "m.json")
    {
        string m = PathOf(name);
        Assert.Equal(0, Xy("new", m, "--groups", "offset,seed", "--dimensions", "2").Code);
        Assert.Equal(0, Xy("add", m, "--x", "0", "--y", "0", "--set", "offset.1=-2", "--set", "seed.1=40").Code);
        Assert.Equal(0, Xy("add", m, "--x", "1", "--y", "1", "--set", "offset.1=2", "--set", "seed.1=60").Code);
        Assert.Equal(0, Xy("add", m, "--x", "1", "--y", "0", "--set", "offset.2=1").Code);
        return m;
    }

    [Fact]
    public void New_writes_an_empty_mapping_of_the_groups_asked()
    {
        string m = PathOf("m.json");
        var r = Xy("new", m, "--groups", "time, scale", "--dimensions", "3");
        Assert.True(r.Code == 0, r.Error);
        Assert.Contains("scale, time over 3 dimensions, 7 parameters", r.Out, StringComparison.Ordinal);
        XyMapping mapping = XyFiles.Load(m);
        Assert.Equal(XyGroups.Time | XyGroups.Scale, mapping.Groups);
        Assert.Equal(3, mapping.Dimensions);
        Assert.Empty(mapping.Points);
        Assert.Null(mapping.Network);

        Assert.Equal(0, Xy("new", PathOf("default.json")).Code);
        Assert.Equal(XyGroups.Offset | XyGroups.Scale, XyFiles.Load(PathOf("default.json")).Groups);
        Assert.Equal(9, XyFiles.Load(PathOf("default.json")).Parameters.Count);

        var all = Xy("new", PathOf("all.json"), "--groups", "seed,scale,offset,time");
        Assert.True(all.Code == 0, all.Error);
        Assert.Equal(33, XyFiles.Load(PathOf("all.json")).Parameters.Count);
    }

    [Fact]
    public void New_never_replaces_a_file()
    {
        string m = ThreePoints();
        byte[] before = File.ReadAllBytes(m);
        AssertRefused(Xy("new", m, "--groups", "offset"), "already exists");
        Assert.Equal(before, File.ReadAllBytes(m));
    }

    [Theory]
    [InlineData("offset,,seed", "an empty name")]
    [InlineData("offsets", "'offsets' is not a group (seed, scale, offset, time)")]
    [InlineData("", "an empty name")]
    public void New_refuses_bad_groups_and_writes_nothing(string groups, string expected)
    {
        AssertRefused(Xy("new", PathOf("m.json"), "--groups", groups), $"--groups: ");
        AssertRefused(Xy("new", PathOf("m.json"), "--groups", groups), expected);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("9")]
    public void New_refuses_dimensions_outside_1_to_8(string dimensions)
    {
        AssertRefused(Xy("new", PathOf("m.json"), "--groups", "offset", "--dimensions", dimensions), $"--dimensions: {dimensions} is out of range 1..8");
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public void Add_takes_the_defaults_then_the_preset_then_each_set()
    {
        string m = PathOf("m.json");
        Assert.Equal(0, Xy("new", m, "--groups", "offset,seed,scale", "--dimensions", "2").Code);
        string preset = PathOf("p.json");
        File.WriteAllText(preset, """{ "schema": 1, "name": "P", "parameters": { "offset.1": 1.25, "offset.2": -0.5, "scale": 2 } }""");
        var r = Xy("add", m, "--x", "0.25", "--y", "0.75", "--preset", preset, "--set", "offset.2=0.5", "--set", "seed.2=77");
        Assert.True(r.Code == 0, r.Error);
        Assert.Contains("point 1 at x 0.25, y 0.75", r.Out, StringComparison.Ordinal);
        Assert.Contains("offset.1 1.25", r.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("dropped", r.Out, StringComparison.Ordinal);

        XyMapping mapping = XyFiles.Load(m);
        XyMapPoint point = Assert.Single(mapping.Points);
        Assert.Equal((0.25, 0.75), (point.X, point.Y));
        double Value(ParameterId id) => point.Values[mapping.Parameters.ToList().IndexOf(id)];
        Assert.Equal(1.25, Value(ParameterId.Offset1));
        Assert.Equal(0.5, Value(ParameterId.Offset2));
        Assert.Equal(2, Value(ParameterId.Scale));
        Assert.Equal(1, Value(ParameterId.Seed1));
        Assert.Equal(77, Value(ParameterId.Seed2));
    }

    [Fact]
    public void Add_drops_a_trained_network_and_says_so()
    {
        string m = ThreePoints();
        Assert.Equal(0, Xy("train", m, "--epochs", "200").Code);
        Assert.NotNull(XyFiles.Load(m).Network);
        var r = Xy("add", m, "--x", "0", "--y", "1");
        Assert.True(r.Code == 0, r.Error);
        Assert.Contains("the trained network was dropped", r.Out, StringComparison.Ordinal);
        XyMapping mapping = XyFiles.Load(m);
        Assert.Equal(4, mapping.Points.Count);
        Assert.Null(mapping.Network);
        Assert.Contains("trained: no", Xy("show", m).Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--x", "1.5", "--x: 1.5 is outside 0..1")]
    [InlineData("--x", "-0.1", "--x: -0.1 is outside 0..1")]
    [InlineData("--y", "NaN", "--y: NaN is outside 0..1")]
    public void Add_refuses_a_position_outside_the_pad_and_leaves_the_file(string option, string value, string expected)
    {
        string m = ThreePoints();
        byte[] before = File.ReadAllBytes(m);
        string[] args = option == "--x" ? ["add", m, "--x", value, "--y", "0.5"] : ["add", m, "--x", "0.5", "--y", value];
        AssertRefused(Xy(args), expected);
        Assert.Equal(before, File.ReadAllBytes(m));
    }

    [Fact]
    public void Add_refuses_a_bad_set_or_preset_and_leaves_the_file()
    {
        string m = ThreePoints();
        byte[] before = File.ReadAllBytes(m);
        AssertRefused(Xy("add", m, "--x", "0", "--y", "0", "--set", "offset.1=9"), "--set: ");
        AssertRefused(Xy("add", m, "--x", "0", "--y", "0", "--set", "nothing=1"), "'nothing' is not a parameter");
        AssertRefused(Xy("add", m, "--x", "0", "--y", "0", "--preset", PathOf("none"), "--bank", PathOf("bank")), "no such file");
        Assert.Equal(before, File.ReadAllBytes(m));
    }

    [Fact]
    public void A_malformed_mapping_is_named_by_field_and_left_as_it_is()
    {
        string m = ThreePoints();
        string text = File.ReadAllText(m).Replace("\"x\": 1,", "\"x\": 1.5,", StringComparison.Ordinal);
        Assert.Contains("1.5", text, StringComparison.Ordinal);
        File.WriteAllText(m, text);
        byte[] before = File.ReadAllBytes(m);
        AssertRefused(Xy("show", m), $"{m}: points[1].x: 1.5 is outside 0..1");
        AssertRefused(Xy("add", m, "--x", "0", "--y", "0"), "points[1].x");
        AssertRefused(Xy("train", m), "points[1].x");
        Assert.Equal(before, File.ReadAllBytes(m));

        File.WriteAllText(m, """{ "schema": 1, "groups": ["offset", "speed"], "dimensions": 8 }""");
        AssertRefused(Xy("show", m), "groups[1]: \"speed\" is not a group");
        File.WriteAllText(m, "{ not json");
        AssertRefused(Xy("train", m), "not valid JSON");
        AssertRefused(Xy("show", PathOf("missing.json")), "missing.json");
    }

    [Fact]
    public void Train_prints_a_falling_curve_and_writes_a_network_that_reloads()
    {
        string m = ThreePoints();
        var r = Xy("train", m, "--epochs", "1000");
        Assert.True(r.Code == 0, r.Error);
        string[] lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("3 points, 4 parameters, 1000 epochs, seed 0", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("epoch", lines[1], StringComparison.Ordinal);
        (int Epoch, double Loss)[] curve = [.. lines.Skip(2).TakeWhile(l => !l.StartsWith("final", StringComparison.Ordinal)).Select(l =>
        {
            string[] f = l.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return (int.Parse(f[0], CultureInfo.InvariantCulture), double.Parse(f[1], CultureInfo.InvariantCulture));
        })];
        Assert.Equal(10, curve.Length);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => i * 100), curve.Select(c => c.Epoch));
        Assert.True(curve[^1].Loss < curve[0].Loss / 10, $"the loss went from {curve[0].Loss} to {curve[^1].Loss}");
        Assert.True(curve[^1].Loss < 1e-4, $"final loss {curve[^1].Loss}");
        Assert.Contains($"final loss {curve[^1].Loss:0.000e+00}", lines[^1], StringComparison.Ordinal);
        Assert.Contains(" s; network written to ", lines[^1], StringComparison.Ordinal);

        XyMapping mapping = XyFiles.Load(m);
        Assert.NotNull(mapping.Network);
        Assert.Equal(curve[^1].Loss, mapping.Loss!.Value, 3);
        var values = new double[mapping.Parameters.Count];
        Assert.True(mapping.Predict(0, 0, values));
        Assert.Equal(-2, values[mapping.Parameters.ToList().IndexOf(ParameterId.Offset1)], 1);
        Assert.Contains("trained: loss", Xy("show", m).Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_seed_writes_the_same_file_and_another_seed_another()
    {
        string a = ThreePoints("a.json");
        string b = ThreePoints("b.json");
        string c = ThreePoints("c.json");
        Assert.Equal(0, Xy("train", a, "--epochs", "300", "--seed", "5").Code);
        Assert.Equal(0, Xy("train", b, "--epochs", "300", "--seed", "5").Code);
        Assert.Equal(0, Xy("train", c, "--epochs", "300", "--seed", "6").Code);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        Assert.NotEqual(File.ReadAllBytes(a), File.ReadAllBytes(c));
    }

    [Fact]
    public void Train_refuses_no_points_and_bad_epochs_and_leaves_the_file()
    {
        string m = PathOf("m.json");
        Assert.Equal(0, Xy("new", m, "--groups", "offset").Code);
        byte[] before = File.ReadAllBytes(m);
        AssertRefused(Xy("train", m), "no points to train on");
        AssertRefused(Xy("train", m, "--epochs", "0"), "--epochs: 0 is out of range 1..100000");
        AssertRefused(Xy("train", m, "--epochs", "100001"), "--epochs: 100001 is out of range 1..100000");
        Assert.Equal(2, Xy("train", m, "--seed", "-1").Code);
        Assert.Equal(before, File.ReadAllBytes(m));
    }

    [Fact]
    public void Show_prints_the_points_and_at_a_point_the_prediction_in_units()
    {
        string m = ThreePoints();
        Assert.Equal(0, Xy("train", m, "--epochs", "500").Code);
        var r = Xy("show", m, "--at", "0.3,0.6");
        Assert.True(r.Code == 0, r.Error);
        string[] lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("seed, offset over 2 dimensions; 4 parameters; 3 of 64 points", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("trained: loss ", lines[1], StringComparison.Ordinal);
        Assert.Equal(["parameter", "1", "2", "3", "predicted"], lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["x", "0.00", "1.00", "1.00", "0.30"], lines[3].Split(' ', StringSplitOptions.RemoveEmptyEntries));

        XyMapping mapping = XyFiles.Load(m);
        var values = new double[mapping.Parameters.Count];
        Assert.True(mapping.Predict(0.3, 0.6, values));
        for (int i = 0; i < mapping.Parameters.Count; i++)
        {
            ParameterDescriptor d = ParameterTable.Get(mapping.Parameters[i]);
            string row = Assert.Single(lines, l => l.StartsWith(d.Name + " ", StringComparison.Ordinal));
            Assert.EndsWith(d.Format(values[i]), row, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Show_refuses_a_bad_point_and_an_untrained_mapping()
    {
        string m = ThreePoints();
        AssertRefused(Xy("show", m, "--at", "0.3"), "--at: '0.3' is not X,Y");
        AssertRefused(Xy("show", m, "--at", "0.3,1.2"), "--at: Y: 1.2 is outside 0..1");
        AssertRefused(Xy("show", m, "--at", "0.3,0.3"), "is not trained yet");
        Assert.Contains("trained: no", Xy("show", m).Out, StringComparison.Ordinal);
    }
}
