using System.Text.Json.Nodes;

namespace LatentPlayground.Inference.Tests;

/// <summary>Each way a package can be broken gives one line that names the file and the problem.</summary>
public sealed class BadPackageTests
{
    [Fact]
    public void The_small_package_is_valid()
    {
        ModelPackage package = ModelPackage.Load(TestPackages.Small);
        Assert.Equal(48000, package.SampleRate);
        Assert.Equal(2048, package.Hop);
        Assert.Equal(8, package.LatentSize);
        Assert.Equal(1, package.Channels);
        Assert.Equal([ModelPrecision.Fp32], package.Precisions);
        Assert.Equal(ModelPrecision.Fp32, package.BestPrecision);
        Assert.Equal(7, package.EncoderStates.Count);
        Assert.Equal(32, package.DecoderStates.Count);
        Assert.Contains(package.Files, f => f.Name == "encoder.onnx" && f.Bytes > 0);
    }

    [Fact]
    public void Missing_folder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "lp-no-such-model-" + Guid.NewGuid().ToString("N"));
        AssertBad(() => ModelPackage.Load(folder), folder, "no such model folder");
    }

    [Theory]
    [InlineData("model.json")]
    [InlineData("encoder.onnx")]
    [InlineData("decoder.onnx")]
    public void Missing_file(string name)
    {
        using var p = new ScratchPackage(TestPackages.Small);
        File.Delete(p.PathOf(name));
        AssertBad(() => ModelPackage.Load(p.Folder), p.PathOf(name), "missing");
    }

    [Fact]
    public void Manifest_that_is_not_json()
    {
        using var p = new ScratchPackage(TestPackages.Small);
        File.WriteAllText(p.PathOf("model.json"), "{ \"name\": \"x\",\n  \"hop\": ");
        AssertBad(() => ModelPackage.Load(p.Folder), p.PathOf("model.json"), "not valid JSON");
    }

    [Fact]
    public void Manifest_field_of_the_wrong_type()
    {
        using var p = new ScratchPackage(TestPackages.Small);
        p.EditManifest(m => m["hop"] = "2048");
        AssertBad(() => ModelPackage.Load(p.Folder), p.PathOf("model.json"), "\"hop\" must be a positive integer");
    }

    [Fact]
    public void Manifest_field_missing()
    {
        using var p = new ScratchPackage(TestPackages.Small);
        p.EditManifest(m => ((JsonObject)m["decoder"]!).Remove("states"));
        AssertBad(() => ModelPackage.Load(p.Folder), p.PathOf("model.json"), "\"decoder.states\" is missing");
    }

    [Theory]
    [InlineData("encoder.onnx", 0)]
    [InlineData("decoder.onnx", 1000)]
    public void Graph_that_does_not_parse(string name, int keepBytes)
    {
        using var p = new ScratchPackage(TestPackages.Small);
        byte[] bytes = File.ReadAllBytes(p.PathOf(name));
        File.WriteAllBytes(p.PathOf(name), [.. bytes.Take(keepBytes), .. "garbage"u8.ToArray()]);
        AssertBad(() => ModelPackage.Load(p.Folder), p.PathOf(name), "not a usable ONNX graph");
    }

    [Fact]
    public void Signal_input_name_that_disagrees_with_the_manifest()
    {
        using var p = new ScratchPackage(TestPackages.Small);
        p.EditManifest(m => m["encoder"]!["input"]!["name"] = "sound");
        AssertBad(() => ModelPackage.Load(p.Folder), p.PathOf("encoder.onnx"), "input audio is not declared in model.json");
    }

    [Fact]
    public void State_shape_that_disagrees_with_the_manifest()
    {
        using var p = new ScratchPackage(TestPackages.Small);
        JsonNode? shape = null;
        p.EditManifest(m =>
        {
            shape = m["decoder"]!["states"]![3]!["shape"];
            shape![2] = shape[2]!.GetValue<int>() + 1;
        });
        AssertBad(() => ModelPackage.Load(p.Folder), p.PathOf("decoder.onnx"), "input state_in.03 has shape");
    }

    [Fact]
    public void Signal_shape_of_more_than_one_hop()
    {
        using var p = new ScratchPackage(TestPackages.Small);
        p.EditManifest(m => m["decoder"]!["output"]!["shape"] = new JsonArray(1, 1, 4096));
        AssertBad(() => ModelPackage.Load(p.Folder), p.PathOf("model.json"), "\"decoder.output.shape\" is [1, 1, 4096], but one hop of this model needs [1, 1, 2048]");
    }

    [Fact]
    public void Graph_with_an_unpaired_state()
    {
        using var p = new ScratchPackage(TestPackages.Small);
        p.RenameInGraph("decoder.onnx", "state_out.05", "state_oux.05");
        AssertBad(() => ModelPackage.Load(p.Folder), p.PathOf("decoder.onnx"), "state input state_in.05 has no state_out.05 output (unpaired state)");
    }

    [Fact]
    public void Manifest_that_pairs_states_across_suffixes()
    {
        using var p = new ScratchPackage(TestPackages.Small);
        p.EditManifest(m => m["encoder"]!["states"]![2]!["output"] = "state_out.03");
        AssertBad(() => ModelPackage.Load(p.Folder), p.PathOf("encoder.onnx"), "model.json pairs state_in.02 with state_out.03");
    }

    [Fact]
    public void Manifest_that_omits_a_state()
    {
        using var p = new ScratchPackage(TestPackages.Small);
        p.EditManifest(m => ((JsonArray)m["encoder"]!["states"]!).RemoveAt(6));
        AssertBad(() => ModelPackage.Load(p.Folder), p.PathOf("encoder.onnx"), "input state_in.06 is not declared in model.json");
    }

    [Theory]
    [InlineData(22050)]
    [InlineData(96000)]
    public void Unsupported_sample_rate(int rate)
    {
        using var p = new ScratchPackage(TestPackages.Small);
        p.EditManifest(m => m["sample_rate"] = rate);
        AssertBad(() => ModelPackage.Load(p.Folder), p.PathOf("model.json"), $"sample_rate {rate} is not supported");
    }

    [Fact]
    public void Sample_rate_that_disagrees_with_the_graph()
    {
        using var p = new ScratchPackage(TestPackages.Small);
        p.EditManifest(m => m["sample_rate"] = 44100);
        AssertBad(() => ModelPackage.Load(p.Folder), p.PathOf("encoder.onnx"), "its metadata says sample_rate 48000, but model.json says 44100");
    }

    [Theory]
    [InlineData(129)]
    [InlineData(256)]
    public void Latent_size_beyond_what_the_engine_plays(int latentSize)
    {
        // A package that is otherwise consistent (graphs, metadata and shapes agree), so only the range fails.
        using var p = new SyntheticPackage(2048, latentSize, 48000);
        AssertBad(() => ModelPackage.Load(p.Folder), p.PathOf("model.json"), $"latent_size {latentSize} is not supported (the engine plays latent sizes 1 to 128)");
    }

    [Fact]
    public void Latent_size_zero()
    {
        using var p = new ScratchPackage(TestPackages.Small);
        p.EditManifest(m => m["latent_size"] = 0);
        AssertBad(() => ModelPackage.Load(p.Folder), p.PathOf("model.json"), "\"latent_size\" must be a positive integer, found 0");
    }

    [Theory]
    [InlineData(256)]
    [InlineData(511)]
    [InlineData(4097)]
    [InlineData(8192)]
    public void Hop_beyond_what_the_engine_runs(int hop)
    {
        using var p = new SyntheticPackage(hop, 8, 48000);
        AssertBad(() => ModelPackage.Load(p.Folder), p.PathOf("model.json"), $"hop {hop} is not supported (the engine runs hops of 512 to 4096 samples)");
    }

    [Fact]
    public void Sample_rate_of_an_otherwise_good_package()
    {
        using var p = new SyntheticPackage(1024, 16, 32000);
        AssertBad(() => ModelPackage.Load(p.Folder), p.PathOf("model.json"), "sample_rate 32000 is not supported (the pedal runs at 44100 or 48000 Hz)");
    }

    [Fact]
    public void Half_an_int8_pair()
    {
        using var p = new ScratchPackage(TestPackages.Small);
        File.Copy(p.PathOf("encoder.onnx"), p.PathOf("encoder.int8.onnx"));
        AssertBad(() => ModelPackage.Load(p.Folder), p.PathOf("decoder.int8.onnx"), "missing, though encoder.int8.onnx is present");
    }

    [Fact]
    public void Int8_graph_whose_interface_disagrees()
    {
        using var p = new ScratchPackage(TestPackages.Small);
        File.Copy(p.PathOf("encoder.onnx"), p.PathOf("encoder.int8.onnx"));
        File.Copy(p.PathOf("encoder.onnx"), p.PathOf("decoder.int8.onnx"));
        AssertBad(() => ModelPackage.Load(p.Folder), p.PathOf("decoder.int8.onnx"), "its metadata says it is the encoder graph, but it is in the decoder's place");
    }

    [Fact]
    public void Int8_codec_on_a_package_without_int8_graphs()
    {
        ModelPackage package = ModelPackage.Load(TestPackages.Small);
        AssertBad(() => new OnnxStreamingCodec(package, new CodecOptions { Precision = ModelPrecision.Int8 }),
            package.GraphPath(GraphRole.Encoder, ModelPrecision.Int8), "missing: the package has no int8 graphs");
    }

    private static void AssertBad(Func<object> load, string path, string problem)
    {
        var e = Assert.Throws<ModelPackageException>(load);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain('\r', e.Message);
        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }
}
