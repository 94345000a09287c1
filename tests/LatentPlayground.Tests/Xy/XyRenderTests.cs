using System.Globalization;
using LatentPlayground.Audio.Wav;
using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Xy;
using LatentPlayground.Xy;

namespace LatentPlayground.Tests.Xy;

/// <summary>
/// <c>render --xy</c> and <c>--xy-path</c> through the bundled model: with the encoder and the modulators off, z' is the
/// offsets, so the latents CSV shows what the mapping predicted at each latent frame.
/// </summary>
public sealed class XyRenderTests : IDisposable
{
    private const int Rate = 48000;
    private const int Hop = 2048;
    private static readonly string[] OffsetsOnly = ["--set", "mod=off", "--set", "encode=off"];
    private readonly string _folder = Directory.CreateTempSubdirectory("lp-xy-render-").FullName;

    public XyRenderTests()
    {
        Input = PathOf("in.wav");
        var x = new float[Rate];
        for (int t = 0; t < x.Length; t++)
        {
            x[t] = (float)(0.3 * Math.Sin(2 * Math.PI * 220 * t / Rate));
        }

        WavWriter.Write(Input, new WavAudio(Rate, [x]), WavSampleFormat.Float32);
    }

    private string Input { get; }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private static (int Code, string Out, string Error) Run(params string[] args) => CliRunner.Run(args);

    // offset.1 -2 at the bottom left, +2 at the top right, 0 at the bottom right: dimension 1 rises along the diagonal.
    private string Mapping(bool train = true, string name = "m.json")
    {
        string m = PathOf(name);
        Assert.Equal(0, Run("xy", "new", m, "--groups", "offset", "--dimensions", "2").Code);
        Assert.Equal(0, Run("xy", "add", m, "--x", "0", "--y", "0", "--set", "offset.1=-2").Code);
        Assert.Equal(0, Run("xy", "add", m, "--x", "1", "--y", "1", "--set", "offset.1=2").Code);
        Assert.Equal(0, Run("xy", "add", m, "--x", "1", "--y", "0", "--set", "offset.2=1").Code);
        if (train)
        {
            var r = Run("xy", "train", m);
            Assert.True(r.Code == 0, r.Error);
        }

        return m;
    }

    private static double[][] Latents(string csv) =>
        [.. File.ReadAllLines(csv).Skip(1).Select(l => l.Split(',').Skip(2).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())];

    private static double Predicted(XyMapping mapping, double x, double y, ParameterId id)
    {
        var values = new double[mapping.Parameters.Count];
        Assert.True(mapping.Predict(x, y, values));
        return values[mapping.Parameters.ToList().IndexOf(id)];
    }

    [Fact]
    public void Two_points_give_dimension_1_the_offset_predicted_at_each()
    {
        string m = Mapping();
        XyMapping mapping = XyFiles.Load(m);
        foreach ((string name, double x, double y) in new[] { ("a", 0.1, 0.2), ("b", 0.9, 0.7) })
        {
            var r = Run(["render", Input, PathOf($"{name}.wav"), "--xy", m, "--set", $"xy.x={x}", "--set", $"xy.y={y}", "--latents", PathOf($"{name}.csv"), .. OffsetsOnly]);
            Assert.True(r.Code == 0, r.Error);
            Assert.Contains($"{m}: XY predict drives offset (2 parameters) at x {x:0.00}, y {y:0.00}", r.Out, StringComparison.Ordinal);
            double[][] z = Latents(PathOf($"{name}.csv"));
            Assert.Equal(24, z.Length);
            Assert.All(z, frame => Assert.Equal(Predicted(mapping, x, y, ParameterId.Offset1), frame[0], 5));
            Assert.All(z, frame => Assert.Equal(Predicted(mapping, x, y, ParameterId.Offset2), frame[1], 5));
        }

        double a = Latents(PathOf("a.csv"))[0][0], b = Latents(PathOf("b.csv"))[0][0];
        Assert.True(a < -1 && b > 1, $"dimension 1: {a} at the bottom left, {b} at the top right");

        // Without --xy the stored offsets play: none.
        var plain = Run(["render", Input, PathOf("c.wav"), "--set", "xy.x=0.9", "--latents", PathOf("c.csv"), .. OffsetsOnly]);
        Assert.True(plain.Code == 0, plain.Error);
        Assert.All(Latents(PathOf("c.csv")), frame => Assert.Equal(0, frame[0]));
    }

    [Fact]
    public void A_path_moves_dimension_1_along_the_ramp_hop_by_hop()
    {
        string m = Mapping();
        XyMapping mapping = XyFiles.Load(m);
        string csv = PathOf("path.csv");
        File.WriteAllText(csv, "seconds,x,y\n0.2,0,0\r\n0.8,1,1\n");
        var r = Run(["render", Input, PathOf("out.wav"), "--xy", m, "--xy-path", csv, "--latents", PathOf("z.csv"), .. OffsetsOnly]);
        Assert.True(r.Code == 0, r.Error);
        Assert.Contains($"along {csv} (2 rows)", r.Out, StringComparison.Ordinal);

        // Each frame takes the position at its first sample; the hop stage glides offsets towards it (as for a knob).
        double[][] z = Latents(PathOf("z.csv"));
        double glide = 1 - Math.Exp(-Hop / (HopStage.GlideSeconds * Rate));
        double expected = 0;
        for (int k = 0; k < z.Length; k++)
        {
            double t = (double)k * Hop / Rate;
            double p = Math.Clamp((t - 0.2) / 0.6, 0, 1);
            double target = Predicted(mapping, p, p, ParameterId.Offset1);
            expected = k == 0 ? target : expected + (glide * (target - expected));
            Assert.True(Math.Abs(z[k][0] - expected) < 1e-4, $"frame {k} ({t:0.000} s): z1 {z[k][0]}, expected {expected}");
        }

        // Held before the first row and after the last, rising in between.
        Assert.Equal(Predicted(mapping, 0, 0, ParameterId.Offset1), z[0][0], 5);
        Assert.True(z[^1][0] > 1.5, $"z1 ends at {z[^1][0]}");
        for (int k = 6; k < z.Length; k++)
        {
            Assert.True(z[k][0] > z[k - 1][0], $"frame {k}: {z[k][0]} after {z[k - 1][0]}");
        }
    }

    [Fact]
    public void A_path_without_y_keeps_the_set_y()
    {
        string m = Mapping();
        XyMapping mapping = XyFiles.Load(m);
        File.WriteAllText(PathOf("x.csv"), "0,0.4\n");
        var r = Run(["render", Input, PathOf("out.wav"), "--xy", m, "--xy-path", PathOf("x.csv"), "--set", "xy.y=0.9", "--set", "xy.x=0.1", "--latents", PathOf("z.csv"), .. OffsetsOnly]);
        Assert.True(r.Code == 0, r.Error);
        Assert.Contains("(1 row, y 0.90)", r.Out, StringComparison.Ordinal);
        Assert.All(Latents(PathOf("z.csv")), frame => Assert.Equal(Predicted(mapping, 0.4, 0.9, ParameterId.Offset1), frame[0], 5));
    }

    [Fact]
    public void An_untrained_mapping_is_trained_in_memory_as_xy_train_would_and_the_file_kept()
    {
        string untrained = Mapping(train: false, name: "u.json");
        string trained = Mapping(train: true, name: "t.json");
        byte[] before = File.ReadAllBytes(untrained);
        string[] at = ["--set", "xy.x=0.3", "--set", "xy.y=0.8", .. OffsetsOnly];
        var u = Run(["render", Input, PathOf("u.wav"), "--xy", untrained, "--latents", PathOf("u.csv"), .. at]);
        Assert.True(u.Code == 0, u.Error);
        Assert.Contains($"{untrained}: not trained; trained in memory for this render (seed 0, 3000 epochs, final loss ", u.Out, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(untrained));
        var t = Run(["render", Input, PathOf("t.wav"), "--xy", trained, "--latents", PathOf("t.csv"), .. at]);
        Assert.True(t.Code == 0, t.Error);
        Assert.DoesNotContain("trained in memory", t.Out, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(PathOf("t.wav")), File.ReadAllBytes(PathOf("u.wav")));
        Assert.Equal(File.ReadAllText(PathOf("t.csv")), File.ReadAllText(PathOf("u.csv")));
    }

    [Fact]
    public void A_preset_that_names_a_mapping_drives_it_while_its_predict_is_on()
    {
        string sub = Path.Combine(_folder, "presets");
        Directory.CreateDirectory(sub);
        string m = Mapping();
        File.Copy(m, Path.Combine(sub, "pad.json"));
        string on = Path.Combine(sub, "on.json"), off = Path.Combine(sub, "off.json");
        File.WriteAllText(on, """{ "schema": 1, "name": "On", "parameters": { "xy.predict": "on", "xy.x": 0.9, "xy.y": 0.9, "mod": "off", "encode": "off" }, "xy": "pad.json" }""");
        File.WriteAllText(off, """{ "schema": 1, "name": "Off", "parameters": { "xy.x": 0.9, "xy.y": 0.9, "mod": "off", "encode": "off" }, "xy": "pad.json" }""");
        double predicted = Predicted(XyFiles.Load(m), 0.9, 0.9, ParameterId.Offset1);

        var r = Run("render", Input, PathOf("on.wav"), "--preset", on, "--latents", PathOf("on.csv"));
        Assert.True(r.Code == 0, r.Error);
        Assert.All(Latents(PathOf("on.csv")), frame => Assert.Equal(predicted, frame[0], 5));
        r = Run("render", Input, PathOf("off.wav"), "--preset", off, "--latents", PathOf("off.csv"));
        Assert.True(r.Code == 0, r.Error);
        Assert.All(Latents(PathOf("off.csv")), frame => Assert.Equal(0, frame[0]));
        r = Run("render", Input, PathOf("set.wav"), "--preset", off, "--set", "xy.predict=on", "--latents", PathOf("set.csv"));
        Assert.True(r.Code == 0, r.Error);
        Assert.All(Latents(PathOf("set.csv")), frame => Assert.Equal(predicted, frame[0], 5));

        // The preset's mapping is an input even while it does not play.
        AssertRefused(Run("render", Input, Path.Combine(sub, "pad.json"), "--preset", off), "is also the XY mapping");
        File.Delete(Path.Combine(sub, "pad.json"));
        AssertRefused(Run("render", Input, PathOf("gone.wav"), "--preset", on), "--preset's xy: ");
        Assert.False(File.Exists(PathOf("gone.wav")));
    }

    [Theory]
    [InlineData("0,0.5\n1,x\n", "line 2, column 2: x: 'x' is not a number")]
    [InlineData("seconds,x\n0,0.5\n1,1.5\n", "line 3, column 2: x 1.5 is outside 0..1")]
    [InlineData("0,0.5,0.5\n1,0.5,-1\n", "line 2, column 3: y -1 is outside 0..1")]
    [InlineData("0,0.5\n2,0.5\n1,0.5\n", "line 3, column 1: seconds 1 is not after the row above's 2")]
    [InlineData("-1,0.5\n", "line 1, column 1: seconds -1 is before the start")]
    [InlineData("0,0.5\n1,0.5,0.5\n", "line 2: 3 columns where the lines above have 2")]
    [InlineData("0\n", "line 1: 1 column; a row is seconds,x or seconds,x,y")]
    [InlineData("seconds,x\n\n", "no rows")]
    [InlineData("", "no rows")]
    [InlineData("1.o,0.5\n", "line 1, column 1: seconds: '1.o' is not a number")]
    public void A_bad_path_is_one_line_naming_file_line_and_column(string text, string expected)
    {
        string m = Mapping();
        string csv = PathOf("bad.csv");
        File.WriteAllText(csv, text);
        AssertRefused(Run("render", Input, PathOf("out.wav"), "--xy", m, "--xy-path", csv), $"--xy-path: {csv}: {expected}");
        Assert.False(File.Exists(PathOf("out.wav")));
    }

    [Fact]
    public void No_output_lands_on_the_mapping_or_the_path()
    {
        string m = Mapping();
        string csv = PathOf("path.csv");
        File.WriteAllText(csv, "0,0\n1,1\n");
        byte[] mapping = File.ReadAllBytes(m), path = File.ReadAllBytes(csv);
        AssertRefused(Run("render", Input, m, "--xy", m), $"is also the XY mapping ({m})");
        AssertRefused(Run("render", Input, PathOf("out.wav"), "--xy", m, "--latents", m), "is also the XY mapping");
        AssertRefused(Run("render", Input, csv, "--xy", m, "--xy-path", csv), "is also the --xy-path CSV");
        AssertRefused(Run("render", Input, PathOf("out.wav"), "--xy", m, "--xy-path", csv, "--latents", Path.Combine(_folder, ".", "path.csv")), "is also the --xy-path CSV");
        Assert.Equal(mapping, File.ReadAllBytes(m));
        Assert.Equal(path, File.ReadAllBytes(csv));
        Assert.False(File.Exists(PathOf("out.wav")));
    }

    [Fact]
    public void What_does_not_combine_is_refused()
    {
        string m = Mapping();
        File.WriteAllText(PathOf("p.csv"), "0,0\n");
        AssertRefused(Run("render", Input, PathOf("out.wav"), "--xy-path", PathOf("p.csv")), "--xy-path: no XY mapping to move through");
        AssertRefused(Run("render", Input, PathOf("out.wav"), "--xy", m, "--set", "xy.predict=off", "--xy-path", PathOf("p.csv")), "--xy-path: xy.predict is off");
        AssertRefused(Run("render", Input, PathOf("out.wav"), "--xy", m, "--switch", "0.5=Perlin drift"), "--switch: not with XY predict");
        AssertRefused(Run("render", Input, PathOf("out.wav"), "--xy", PathOf("missing.json")), "--xy: ");
        string empty = PathOf("empty.json");
        Assert.Equal(0, Run("xy", "new", empty, "--groups", "scale").Code);
        AssertRefused(Run("render", Input, PathOf("out.wav"), "--xy", empty), $"--xy: {empty}: no points to train on");
        Assert.False(File.Exists(PathOf("out.wav")));
    }

    private static void AssertRefused((int Code, string Out, string Error) r, string expected)
    {
        Assert.True(r.Code == 2, $"exit {r.Code}: {r.Error}");
        Assert.Single(r.Error.Trim().Split('\n'));
        Assert.Contains(expected, r.Error, StringComparison.Ordinal);
        Assert.Equal("", r.Out);
    }
}
