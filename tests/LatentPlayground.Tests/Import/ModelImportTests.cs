using System.Security.Cryptography;
using System.Text.Json;
using LatentPlayground.Inference;

namespace LatentPlayground.Tests.Import;

/// <summary><c>model import</c> on real RAVE exports: a complete, proven package, and what it says of itself.</summary>
[Collection(RaveFixtureCollection.Name)]
public sealed class ModelImportTests(RaveFixtures fixtures)
{
    public static TheoryData<string> Names => [.. RaveFixtures.Names];

    [RaveFixtureTheory]
    [MemberData(nameof(Names))]
    public void Each_fixture_imports_into_a_complete_package_that_names_its_source(string name)
    {
        var (code, output, error, folder) = fixtures.Imported(name);
        Assert.True(code == 0, error);
        Assert.Contains($"imported {name}: 44100 Hz", output, StringComparison.Ordinal);
        Assert.Contains($"wrote {folder}", output, StringComparison.Ordinal);

        var package = ModelPackage.Load(folder);
        using JsonDocument card = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RaveFixtures.Folder(name), "model_card.json")));
        Assert.Equal(44100, package.SampleRate);
        Assert.Contains(ModelPrecision.Fp32, package.Precisions);
        foreach (string file in new[] { "encoder.onnx", "decoder.onnx", "model.json", "reference.json", "initial_states.bin" })
        {
            Assert.True(File.Exists(Path.Combine(folder, file)), file);
        }

        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "model.json")));
        JsonElement root = manifest.RootElement;
        string sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(RaveFixtures.StreamingFile(name))));
        Assert.Equal(sha, root.GetProperty("provenance").GetProperty("source_sha256").GetString());
        JsonElement conversion = root.GetProperty("conversion");
        foreach (string key in new[] { "encoder_relative_error", "decoder_relative_error" })
        {
            Assert.InRange(conversion.GetProperty(key).GetDouble(), 0, 1e-4);
            Assert.InRange(conversion.GetProperty("onnx_runtime").GetProperty(key).GetDouble(), 0, 1e-4);
        }

        // The int8 graphs are there when they hold 20 dB against fp32, and the manifest says which.
        bool kept = conversion.GetProperty("onnx_runtime").GetProperty("int8_kept").GetBoolean();
        Assert.Equal(kept, package.Has(ModelPrecision.Int8));
        Assert.Empty(Directory.GetDirectories(fixtures.Work, ".import-*"));
    }

    [RaveFixtureFact]
    public void The_reported_latency_is_the_streaming_delay_RAVE_measured_for_the_causal_model()
    {
        // The fixtures' card measured the causal export as an exact pure delay of its offline export.
        var (code, _, error, folder) = fixtures.Imported("v2_causal_c8");
        Assert.True(code == 0, error);
        using JsonDocument card = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RaveFixtures.Folder("v2_causal_c8"), "model_card.json")));
        Assert.Equal(1696, ModelPackage.Load(folder).LatencySamples);
        Assert.Contains("1696", card.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    [RaveFixtureFact]
    public void Hop_512_latent_64_and_hop_2048_latent_128_models_load_with_their_shapes()
    {
        var small = ModelPackage.Load(fixtures.Imported("v2_small_c8").Folder);
        Assert.Equal((512, 64), (small.Hop, small.LatentSize));
        var raspberry = ModelPackage.Load(fixtures.Imported("raspberry").Folder);
        Assert.Equal((2048, 128), (raspberry.Hop, raspberry.LatentSize));
    }

    [RaveFixtureFact]
    public void Model_info_lists_the_noise_the_engine_feeds_an_imported_model()
    {
        var (code, _, error, folder) = fixtures.Imported("v1_c8");
        Assert.True(code == 0, error);
        var (rc, output, stderr) = CliRunner.Run("model", "info", folder);
        Assert.True(rc == 0, stderr);
        Assert.Contains("noise input noise.latent_pad  [1, 64, 1], normal draws", output, StringComparison.Ordinal);
        Assert.Contains("noise input noise.uniform.00", output, StringComparison.Ordinal);
    }
}
