using System.Globalization;
using System.Runtime.InteropServices;
using LatentPlayground.Audio.Wav;
using LatentPlayground.Bending;
using LatentPlayground.Core.Bending;
using LatentPlayground.Inference;
using LatentPlayground.Inference.Weights;
using LatentPlayground.Render;

namespace LatentPlayground.Tests.Bending;

/// <summary>
/// Bending as a user runs it, on the bundled model: <c>bend layers</c> lists every convolution weight and bias with
/// shape and statistics; <c>bend apply</c> writes a configuration (.json and .wav) and builds on another with
/// <c>--from</c>; <c>render --bend</c> (and a bank preset's "bending") plays the bend, and a bend whose layers are all
/// back to the exported values renders bit-identical to the unbent fp32 model; <see cref="BendFiles"/> keeps weights
/// bit-exact; and every bad configuration or option is exit code 2 with one line naming the layer or file and nothing
/// written.
/// </summary>
public sealed class BendCommandTests : IDisposable
{
    private const string Wave = "decoder:decoder.wave.weight";
    private const string Bias = "decoder:decoder.net.layers.0.bias";

    private readonly string _dir = Directory.CreateTempSubdirectory("lp-bend-cmd-").FullName;
    private readonly string _input;

    public BendCommandTests()
    {
        // The demo riff's first 1.5 s: enough hops for the bend to be heard, short enough to render fast.
        WavAudio riff = WavReader.Read(Path.Combine(AppContext.BaseDirectory, "Assets", "demo", "guitar-riff.wav"));
        int frames = Math.Min(riff.Frames, riff.SampleRate * 3 / 2);
        _input = PathOf("in.wav");
        WavWriter.Write(_input, new WavAudio(riff.SampleRate, [riff.Samples[0][..frames]]), WavSampleFormat.Float32);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static IReadOnlyList<WeightLayer> ModelLayers()
    {
        ModelPackage package = ModelPackage.Load(OnnxCodecSource.DefaultModelFolder);
        return
        [
            .. OnnxWeights.Read(package.GraphPath(GraphRole.Encoder, ModelPrecision.Fp32), "encoder"),
            .. OnnxWeights.Read(package.GraphPath(GraphRole.Decoder, ModelPrecision.Fp32), "decoder"),
        ];
    }

    private static float[] Pristine(string layer) => ModelLayers().Single(l => l.DisplayName == layer).Values;

    private static bool BitEqual(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => MemoryMarshal.AsBytes(a).SequenceEqual(MemoryMarshal.AsBytes(b));

    private static void AssertOk((int Code, string Out, string Error) r) => Assert.True(r.Code == 0, $"exit {r.Code}: {r.Error}");

    private static void AssertUsage((int Code, string Out, string Error) r, string named)
    {
        Assert.True(r.Code == 2, $"exit {r.Code}, expected 2: {r.Error}");
        Assert.Contains(named, r.Error, StringComparison.Ordinal);
        Assert.Single(r.Error.Trim().Split('\n'));
    }

    private (int Code, string Out, string Error) Apply(string output, params string[] args) =>
        CliRunner.Run(["bend", "apply", .. args, "--out", PathOf(output)]);

    private (int Code, string Out, string Error) Render(string output, params string[] args) =>
        CliRunner.Run(["render", _input, PathOf(output), .. args]);

    private byte[] Rendered(string output) => File.ReadAllBytes(PathOf(output));

    private string[] Files() => [.. Directory.EnumerateFileSystemEntries(_dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    // A bend configuration of the given layers with the given values, written by the product's own saver.
    private string SaveConfig(string name, params (string Layer, long[] Shape, float[] Values)[] layers)
    {
        var entries = new List<BendLayerEntry>();
        var weights = new List<float>();
        foreach ((string layer, long[] shape, float[] values) in layers)
        {
            entries.Add(new BendLayerEntry(layer, shape, weights.Count));
            weights.AddRange(values);
        }

        string path = PathOf(name + ".json");
        BendFiles.Save(path, new BendConfig("latentplayground-default", name + ".wav", entries, Bend.Empty), [.. weights]);
        return path;
    }

    [Fact]
    public void Bend_layers_lists_every_convolution_weight_and_bias_of_the_bundled_model_with_shape_and_statistics()
    {
        var r = CliRunner.Run("bend", "layers");
        AssertOk(r);
        IReadOnlyList<WeightLayer> layers = ModelLayers();
        string[] lines = r.Out.TrimEnd().Split('\n');
        Assert.Equal($"# latentplayground-default: {layers.Count} bendable layers", lines[0]);
        Assert.StartsWith("layer ", lines[1], StringComparison.Ordinal);
        Assert.Equal(layers.Count, lines.Length - 2);
        Assert.Contains(layers, l => l.DisplayName == Wave);
        Assert.Contains(layers, l => l.IsBias);
        Assert.Contains(layers, l => l.DisplayName.StartsWith("encoder:", StringComparison.Ordinal));

        for (int i = 0; i < layers.Count; i++)
        {
            WeightLayer layer = layers[i];
            string[] cells = lines[i + 2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(7, cells.Length);
            Assert.Equal(layer.DisplayName, cells[0]);
            Assert.EndsWith(layer.IsBias ? ".bias" : ".weight", cells[0], StringComparison.Ordinal);
            Assert.Equal(string.Join("x", layer.Shape), cells[1]);
            Assert.Equal(layer.Count.ToString(CultureInfo.InvariantCulture), cells[2]);

            LayerStatistics s = LayerStatistics.Of(layer.Values);
            double[] shown = [.. cells[3..].Select(c => double.Parse(c, CultureInfo.InvariantCulture))];
            Assert.Equal(s.Mean, shown[0], 5.01e-6);
            Assert.Equal(s.StandardDeviation, shown[1], 5.01e-6);
            Assert.Equal(s.Min, shown[2], 5.01e-5);
            Assert.Equal(s.Max, shown[3], 5.01e-5);
        }
    }

    [Fact]
    public void Bend_apply_writes_the_configuration_and_weights_and_apply_from_adds_a_step_on_top()
    {
        AssertOk(Apply("a.json", "--layer", Wave, "--op", "flip"));
        Assert.True(File.Exists(PathOf("a.json")));
        Assert.True(File.Exists(PathOf("a.wav")));
        (BendConfig first, float[] firstWeights) = BendFiles.Load(PathOf("a.json"));
        Assert.Equal("a.wav", first.WeightsFile);
        Assert.Equal("latentplayground-default", first.Model);
        BendLayerEntry only = Assert.Single(first.Layers);
        Assert.Equal(Wave, only.Name);
        Assert.Equal<long>([32, 16, 7], only.Shape);
        Assert.Equal([BendStep.Flip(Wave)], first.Steps.Steps.ToArray());
        float[] wave = Pristine(Wave);
        Assert.True(BitEqual(wave.Select(v => -v).ToArray(), firstWeights));

        var r = Apply("b.json", "--from", PathOf("a.json"), "--layer", Bias, "--op", "scale", "--scale", "2.5", "--amount", "50", "--seed", "3");
        AssertOk(r);
        Assert.Contains("2 layer(s), 2 step(s)", r.Out, StringComparison.Ordinal);
        (BendConfig second, float[] secondWeights) = BendFiles.Load(PathOf("b.json"));
        BendStep scale = BendStep.Scaled(Bias, 2.5, amount: 0.5, seed: 3);
        Assert.Equal([BendStep.Flip(Wave), scale], second.Steps.Steps.ToArray());

        // Layers in the model's order, each at full resolution: the flip as before, the bias as the step makes it.
        Assert.Equal([Bias, Wave], second.Layers.Select(l => l.Name));
        float[] bias = Pristine(Bias);
        var scaled = new float[bias.Length];
        WeightBender.Apply(scale, bias, scaled);
        Assert.True(BitEqual(scaled, secondWeights.AsSpan(0, bias.Length)));
        Assert.True(BitEqual(firstWeights, secondWeights.AsSpan(bias.Length)));
        Assert.Equal(bias.Length + wave.Length, secondWeights.Length);

        // The first configuration is untouched.
        Assert.True(BitEqual(firstWeights, BendFiles.Load(PathOf("a.json")).Weights));
    }

    [Fact]
    public void A_bend_changes_the_render_and_one_back_at_the_exported_values_renders_bit_identical_to_the_unbent_model()
    {
        AssertOk(Render("unbent.wav", "--precision", "fp32"));

        AssertOk(Apply("flip.json", "--layer", Wave, "--op", "flip"));
        var bent = Render("bent.wav", "--bend", PathOf("flip.json"));
        AssertOk(bent);
        Assert.NotEqual(Rendered("unbent.wav"), Rendered("bent.wav"));
        Assert.Equal(WavReader.Read(PathOf("unbent.wav")).Frames, WavReader.Read(PathOf("bent.wav")).Frames);

        // Flipped twice: both steps kept, no layer differs from the model, and the render is the unbent one.
        AssertOk(Apply("flip2.json", "--from", PathOf("flip.json"), "--layer", Wave, "--op", "flip"));
        (BendConfig twice, float[] none) = BendFiles.Load(PathOf("flip2.json"));
        Assert.Empty(twice.Layers);
        Assert.Empty(none);
        Assert.Equal(2, twice.Steps.Steps.Length);
        AssertOk(Render("flipped-twice.wav", "--bend", PathOf("flip2.json")));
        Assert.Equal(Rendered("unbent.wav"), Rendered("flipped-twice.wav"));

        // A configuration that writes the exported values into two layers: the graphs compute what they did unbent.
        string restored = SaveConfig("restored", (Wave, [32, 16, 7], Pristine(Wave)), (Bias, [256], Pristine(Bias)));
        AssertOk(Render("restored-render.wav", "--bend", restored));
        Assert.Equal(Rendered("unbent.wav"), Rendered("restored-render.wav"));
    }

    [Fact]
    public void A_bank_presets_bending_is_auditioned_by_render_preset()
    {
        string bank = PathOf("bank");
        Directory.CreateDirectory(bank);
        AssertOk(CliRunner.Run("bend", "apply", "--layer", Wave, "--op", "scale", "--scale", "0.5", "--out", Path.Combine(bank, "x.json")));
        File.WriteAllText(Path.Combine(bank, "01-bent.json"), """{ "schema": 1, "name": "Bent", "bending": "x.json" }""");

        AssertOk(Render("preset.wav", "--preset", "Bent", "--bank", bank));
        AssertOk(Render("bend.wav", "--bend", Path.Combine(bank, "x.json")));
        AssertOk(Render("unbent.wav", "--precision", "fp32"));
        Assert.Equal(Rendered("bend.wav"), Rendered("preset.wav"));
        Assert.NotEqual(Rendered("unbent.wav"), Rendered("preset.wav"));
    }

    [Fact]
    public void Saving_and_loading_a_configuration_keeps_every_weight_bit_exact()
    {
        float[] awkward =
        [
            0f, -0f, float.Epsilon, -float.Epsilon, 1.17549421e-38f, float.MaxValue, float.MinValue, 1f / 3f,
            BitConverter.Int32BitsToSingle(0x3F800001), -123456.789f, 1e-30f, 0.1f,
        ];
        float[] wave = Pristine(Wave).Select((v, i) => (v * 1.000001f) + awkward[i % awkward.Length]).ToArray();
        string path = SaveConfig("exact", ("decoder:odd", [3, 4], awkward), (Wave, [32, 16, 7], wave));

        (BendConfig config, float[] weights) = BendFiles.Load(path);
        Assert.Equal(awkward.Length + wave.Length, weights.Length);
        Assert.True(BitEqual([.. awkward, .. wave], weights));
        Assert.Equal(["decoder:odd", Wave], config.Layers.Select(l => l.Name));
        Assert.Equal([0L, awkward.Length], config.Layers.Select(l => l.Offset));
        WavAudio wav = WavReader.Read(PathOf("exact.wav"));
        Assert.Equal(1, wav.Channels);
        Assert.Equal(WavSampleFormat.Float32, wav.SourceFormat);

        // Nothing but the two files: no temporary file left behind.
        Assert.Equal(new[] { PathOf("exact.json"), PathOf("exact.wav"), _input }.Order(StringComparer.Ordinal), Files());
    }

    [Fact]
    public void A_layer_the_model_lacks_is_exit_2_naming_it_and_nothing_is_written()
    {
        string path = SaveConfig("lacks", ("decoder:decoder.net.layers.99.weight", [4], [1, 2, 3, 4]));
        AssertUsage(Render("out.wav", "--bend", path), "decoder:decoder.net.layers.99.weight");
        Assert.False(File.Exists(PathOf("out.wav")));
    }

    [Fact]
    public void A_layer_of_another_shape_is_exit_2_naming_it_and_nothing_is_written()
    {
        // The right count in the wrong shape still does not fit.
        string path = SaveConfig("shape", (Wave, [16, 32, 7], Pristine(Wave)));
        var r = Render("out.wav", "--bend", path);
        AssertUsage(r, Wave);
        Assert.Contains("[16, 32, 7]", r.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("out.wav")));
    }

    [Fact]
    public void Weights_of_the_wrong_count_are_exit_2_naming_the_wav_and_nothing_is_written()
    {
        string path = SaveConfig("count", (Bias, [256], Pristine(Bias)));
        WavWriter.Write(PathOf("count.wav"), new WavAudio(BendFiles.WeightsRate, [new float[255]]), WavSampleFormat.Float32);
        AssertUsage(Render("out.wav", "--bend", path), "count.wav");
        Assert.False(File.Exists(PathOf("out.wav")));
    }

    [Fact]
    public void Weights_not_in_float32_are_exit_2_naming_the_wav_and_nothing_is_written()
    {
        string path = SaveConfig("pcm", (Bias, [256], Pristine(Bias)));
        WavWriter.Write(PathOf("pcm.wav"), new WavAudio(BendFiles.WeightsRate, [new float[256]]), WavSampleFormat.Pcm24);
        AssertUsage(Render("out.wav", "--bend", path), "pcm.wav");
        Assert.False(File.Exists(PathOf("out.wav")));
    }

    [Fact]
    public void A_corrupt_weights_file_is_exit_2_naming_it_and_nothing_is_written()
    {
        string path = SaveConfig("corrupt", (Bias, [256], Pristine(Bias)));
        byte[] bytes = File.ReadAllBytes(PathOf("corrupt.wav"));
        File.WriteAllBytes(PathOf("corrupt.wav"), bytes[..30]);
        AssertUsage(Render("out.wav", "--bend", path), "corrupt.wav");
        File.WriteAllText(PathOf("corrupt.wav"), "these are not weights");
        AssertUsage(Render("out.wav", "--bend", path), "corrupt.wav");
        Assert.False(File.Exists(PathOf("out.wav")));
    }

    [Fact]
    public void A_missing_weights_file_is_exit_2_naming_it_and_nothing_is_written()
    {
        string path = SaveConfig("missing", (Bias, [256], Pristine(Bias)));
        File.Delete(PathOf("missing.wav"));
        AssertUsage(Render("out.wav", "--bend", path), "missing.wav");
        Assert.False(File.Exists(PathOf("out.wav")));
    }

    [Fact]
    public void A_missing_or_malformed_configuration_is_exit_2_naming_it_and_nothing_is_written()
    {
        AssertUsage(Render("out.wav", "--bend", PathOf("nowhere.json")), "nowhere.json");
        File.WriteAllText(PathOf("bad.json"), """{ "schema": 1, "weights": "bad.wav", "layers": [], "steps": [ { "layer": "x", "op": "scale", "scale": 9 } ] }""");
        var r = Render("out.wav", "--bend", PathOf("bad.json"));
        AssertUsage(r, "bad.json");
        Assert.Contains("steps[0].scale", r.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("out.wav")));
    }

    [Fact]
    public void A_render_or_a_bend_never_writes_over_the_bend_it_reads()
    {
        AssertOk(Apply("glass.json", "--layer", Wave, "--op", "scale", "--scale", "2"));
        byte[] json = File.ReadAllBytes(PathOf("glass.json")), weights = File.ReadAllBytes(PathOf("glass.wav"));

        // The render's output on the bend's weights, or on its configuration: refused, both kept.
        AssertUsage(Render("glass.wav", "--bend", PathOf("glass.json")), "glass.wav");
        AssertUsage(Render("x.wav", "--bend", PathOf("glass.json"), "--latents", PathOf("glass.json")), "glass.json");

        // A new bend written over the one it starts from (its configuration and so its weights): refused, both kept.
        AssertUsage(Apply("glass.json", "--layer", Wave, "--op", "flip", "--from", PathOf("glass.json")), "glass.json");
        Assert.Equal(json, File.ReadAllBytes(PathOf("glass.json")));
        Assert.Equal(weights, File.ReadAllBytes(PathOf("glass.wav")));
    }

    [Fact]
    public void A_bend_with_int8_precision_is_exit_2_and_nothing_is_written()
    {
        AssertOk(Apply("flip.json", "--layer", Wave, "--op", "flip"));
        AssertUsage(Render("out.wav", "--precision", "int8", "--bend", PathOf("flip.json")), "--precision");
        Assert.False(File.Exists(PathOf("out.wav")));
    }

    public static TheoryData<string, string[]> BadApplies => new()
    {
        { "decoder:nope.weight", ["--layer", "decoder:nope.weight", "--op", "flip", "--out", "{dir}/x.json"] },
        { "--scale", ["--layer", Wave, "--op", "scale", "--scale", "9", "--out", "{dir}/x.json"] },
        { "--scale", ["--layer", Wave, "--op", "scale", "--scale", "-1", "--out", "{dir}/x.json"] },
        { "--amount", ["--layer", Wave, "--op", "flip", "--amount", "150", "--out", "{dir}/x.json"] },
        { "--chaos", ["--layer", Wave, "--op", "distribution", "--chaos", "101", "--out", "{dir}/x.json"] },
        { "--out", ["--layer", Wave, "--op", "flip", "--out", "{dir}/x.txt"] },
        { "folder.json", ["--layer", Wave, "--op", "flip", "--out", "{dir}/folder.json"] },
        { "invert", ["--layer", Wave, "--op", "invert", "--out", "{dir}/x.json"] },
        { "normal", ["--layer", Wave, "--op", "distribution", "--dist", "normal", "--out", "{dir}/x.json"] },
        { "nowhere.json", ["--layer", Wave, "--op", "flip", "--from", "{dir}/nowhere.json", "--out", "{dir}/x.json"] },
        { "no-folder", ["--layer", Wave, "--op", "flip", "--out", "{dir}/no-folder/x.json"] },
    };

    [Theory]
    [MemberData(nameof(BadApplies))]
    public void A_bad_bend_apply_is_exit_2_with_one_line_and_writes_nothing(string named, string[] args)
    {
        Directory.CreateDirectory(PathOf("folder.json"));
        string[] before = Files();
        var r = CliRunner.Run(["bend", "apply", .. args.Select(a => a.Replace("{dir}", _dir, StringComparison.Ordinal))]);
        AssertUsage(r, named);
        Assert.Equal(before, Files());
    }

    [Fact]
    public void Bend_apply_refuses_weights_that_would_land_on_a_folder_and_writes_nothing()
    {
        Directory.CreateDirectory(PathOf("x.wav"));
        string[] before = Files();
        AssertUsage(Apply("x.json", "--layer", Wave, "--op", "flip"), "x.wav");
        Assert.Equal(before, Files());
    }
}
