using LatentPlayground.Core.Bending;

namespace LatentPlayground.Core.Tests.Bending;

/// <summary>
/// Bend configurations as JSON (<see cref="BendConfigJson"/>): a configuration serialises and parses back equal (model,
/// weights file, layers with shapes and offsets, steps of every operation and distribution, awkward numbers and seeds);
/// optional fields default; operation and distribution names; and every bad input is refused with one line naming the
/// file and the field.
/// </summary>
public sealed class BendConfigJsonTests
{
    private const string Source = "glass.json";

    private static BendConfig Sample() => new(
        "latentplayground-default",
        "glass.wav",
        [
            new BendLayerEntry("decoder:decoder.net.layers.2.weight", [512, 256, 1], 0),
            new BendLayerEntry("decoder:decoder.net.layers.2.bias", [512], 512 * 256),
            new BendLayerEntry("encoder:encoder.net.layers.0.weight", [16, 16, 7], (512 * 256) + 512),
        ],
        new Bend(
        [
            BendStep.Flip("decoder:decoder.net.layers.2.weight", amount: 1.0 / 3.0, seed: uint.MaxValue),
            BendStep.Scaled("decoder:decoder.net.layers.2.bias", 0.1 + 0.2, amount: 0.5, seed: 7),
            BendStep.Scaled("decoder:decoder.net.layers.2.bias", BendStep.ScaleMax),
            BendStep.Randomised("encoder:encoder.net.layers.0.weight", BendDistribution.Uniform, 1.0, amount: 0, seed: 1),
            BendStep.Randomised("encoder:encoder.net.layers.0.weight", BendDistribution.Gaussian, 0.123456789012345, seed: 2),
            BendStep.Randomised("decoder:decoder.net.layers.2.weight", BendDistribution.Beta, 1e-9, amount: 0.999999, seed: 3),
            BendStep.Randomised("decoder:decoder.net.layers.2.weight", BendDistribution.Laplace, 0.75, seed: 0),
            new BendStep("decoder:decoder.net.layers.2.bias", BendOperation.Flip, scale: 0, chaos: 0.5, amount: 0.25, distribution: BendDistribution.Laplace, seed: 12345),
        ]));

    private static void AssertEqual(BendConfig expected, BendConfig actual)
    {
        Assert.Equal(expected.Model, actual.Model);
        Assert.Equal(expected.WeightsFile, actual.WeightsFile);
        Assert.Equal(expected.Layers.Count, actual.Layers.Count);
        for (int i = 0; i < expected.Layers.Count; i++)
        {
            Assert.Equal(expected.Layers[i].Name, actual.Layers[i].Name);
            Assert.Equal(expected.Layers[i].Shape, actual.Layers[i].Shape);
            Assert.Equal(expected.Layers[i].Offset, actual.Layers[i].Offset);
        }

        Assert.Equal(expected.Steps, actual.Steps);
        Assert.Equal(expected.Steps.Steps.ToArray(), actual.Steps.Steps.ToArray());
        Assert.Equal(expected.TotalWeights, actual.TotalWeights);
    }

    [Fact]
    public void Serialize_then_parse_gives_the_same_configuration()
    {
        BendConfig config = Sample();
        string json = BendConfigJson.Serialize(config);
        BendConfig back = BendConfigJson.Parse(json, Source);

        AssertEqual(config, back);
        Assert.Equal((512 * 256) + 512 + (16 * 16 * 7), back.TotalWeights);
        Assert.Equal(json, BendConfigJson.Serialize(back));
        Assert.Contains("\"schema\": 1", json, StringComparison.Ordinal);
        foreach (string name in new[] { "flip", "scale", "distribution", "uniform", "gaussian", "beta", "laplace" })
        {
            Assert.Contains($"\"{name}\"", json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_empty_configuration_round_trips()
    {
        var config = new BendConfig("", "nothing.wav", [], Bend.Empty);
        BendConfig back = BendConfigJson.Parse(BendConfigJson.Serialize(config), Source);
        AssertEqual(config, back);
        Assert.Equal(0, back.TotalWeights);
    }

    [Fact]
    public void Optional_fields_default_and_a_wav_name_in_capitals_is_accepted()
    {
        BendConfig config = BendConfigJson.Parse(
            """
            { "schema": 1, "weights": "GLASS.WAV",
              "layers": [ { "name": "decoder:x.weight", "shape": [2, 3], "offset": 0 } ],
              "steps": [ { "layer": "decoder:x.weight", "op": "distribution" } ] }
            """,
            Source);

        Assert.Equal("", config.Model);
        Assert.Equal("GLASS.WAV", config.WeightsFile);
        Assert.Equal(6, config.TotalWeights);
        BendStep step = Assert.Single(config.Steps.Steps.ToArray());
        Assert.Equal(new BendStep("decoder:x.weight", BendOperation.Distribution, scale: 1, chaos: 0, amount: 1, distribution: BendDistribution.Gaussian, seed: 0), step);

        BendConfig noSteps = BendConfigJson.Parse("""{ "schema": 1, "weights": "a.wav", "layers": [] }""", Source);
        Assert.Empty(noSteps.Steps.Steps.ToArray());
    }

    [Theory]
    [InlineData(BendOperation.Flip, "flip")]
    [InlineData(BendOperation.Scale, "scale")]
    [InlineData(BendOperation.Distribution, "distribution")]
    public void Operations_have_their_names(BendOperation op, string name)
    {
        Assert.Equal(name, BendConfigJson.OperationName(op));
        Assert.True(BendConfigJson.TryParseOperation(name, out BendOperation back));
        Assert.Equal(op, back);
    }

    [Theory]
    [InlineData(BendDistribution.Uniform, "uniform")]
    [InlineData(BendDistribution.Gaussian, "gaussian")]
    [InlineData(BendDistribution.Beta, "beta")]
    [InlineData(BendDistribution.Laplace, "laplace")]
    public void Distributions_have_their_names(BendDistribution law, string name)
    {
        Assert.Equal(name, BendConfigJson.DistributionName(law));
        Assert.True(BendConfigJson.TryParseDistribution(name, out BendDistribution back));
        Assert.Equal(law, back);
    }

    [Theory]
    [InlineData("Flip")]
    [InlineData("invert")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_operation_names_are_refused(string? name) => Assert.False(BendConfigJson.TryParseOperation(name, out _));

    [Theory]
    [InlineData("normal")]
    [InlineData("Gaussian")]
    [InlineData(null)]
    public void Unknown_distribution_names_are_refused(string? name) => Assert.False(BendConfigJson.TryParseDistribution(name, out _));

    // A valid configuration with one layer of 6 weights and one step; each bad case changes one thing.
    private const string Layer = """{ "name": "decoder:x.weight", "shape": [2, 3], "offset": 0 }""";
    private const string Layer2 = """{ "name": "decoder:x.bias", "shape": [2], "offset": 6 }""";

    private static string Config(string weights = "\"glass.wav\"", string layers = "[" + Layer + "]", string steps = "[]", string schema = "1", string extra = "") =>
        $$"""{ "schema": {{schema}}, "model": "m", "weights": {{weights}}, "layers": {{layers}}, "steps": {{steps}}{{extra}} }""";

    private static string Step(string fields) => $$"""[ { "layer": "decoder:x.weight", "op": "scale", {{fields}} } ]""";

    public static TheoryData<string, string, string> BadConfigurations => new()
    {
        { "{ \"schema\": 1, ", "", "not valid JSON (line 1)" },
        { "just text", "", "not valid JSON (line 1)" },
        { "[1, 2]", "(top level)", "must be a JSON object" },
        { Config(extra: ", \"colour\": \"red\""), "colour", "is not a bend configuration field" },
        { Config(layers: """[ { "name": "decoder:x.weight", "shape": [2, 3], "offset": 0, "dtype": "f32" } ]"""), "layers[0].dtype", "is not a bend configuration field" },
        { Config(steps: Step("\"knob\": 3")), "steps[0].knob", "is not a bend configuration field" },
        { """{ "weights": "glass.wav", "layers": [] }""", "schema", "is missing" },
        { Config(schema: "2"), "schema", "2 is not a schema" },
        { Config(schema: "\"one\""), "schema", "must be a whole number" },
        { """{ "schema": 1, "layers": [] }""", "weights", "is missing" },
        { """{ "schema": 1, "weights": "glass.wav" }""", "layers", "is missing" },
        { Config(weights: "\"glass.raw\""), "weights", "must be the name of a .wav file" },
        { Config(weights: "\"bends/glass.wav\""), "weights", "must be the name of a .wav file" },
        { Config(weights: "\"/tmp/glass.wav\""), "weights", "must be the name of a .wav file" },
        { Config(weights: "\"\""), "weights", "must be the name of a .wav file" },
        { Config(weights: "7"), "weights", "must be text" },
        { Config(layers: "[" + Layer + ", " + Layer.Replace("\"offset\": 0", "\"offset\": 6", StringComparison.Ordinal) + "]"), "layers[1].name", "decoder:x.weight is listed twice" },
        { Config(layers: """[ { "shape": [2, 3], "offset": 0 } ]"""), "layers[0].name", "is missing" },
        { Config(layers: """[ { "name": "decoder:x.weight", "offset": 0 } ]"""), "layers[0].shape", "is missing" },
        { Config(layers: """[ { "name": "decoder:x.weight", "shape": [2, 3] } ]"""), "layers[0].offset", "is missing" },
        { Config(layers: """[ { "name": "decoder:x.weight", "shape": [], "offset": 0 } ]"""), "layers[0].shape", "must be a list of positive sizes" },
        { Config(layers: """[ { "name": "decoder:x.weight", "shape": [2, 0, 3], "offset": 0 } ]"""), "layers[0].shape", "must be a list of positive sizes" },
        { Config(layers: """[ { "name": "decoder:x.weight", "shape": [2, -3], "offset": 0 } ]"""), "layers[0].shape", "must be a list of positive sizes" },
        { Config(layers: """[ { "name": "decoder:x.weight", "shape": [2, 3], "offset": 1 } ]"""), "layers[0].offset", "is 1; the layers lie end to end, so it must be 0" },
        { Config(layers: "[" + Layer + ", " + Layer2.Replace("\"offset\": 6", "\"offset\": 5", StringComparison.Ordinal) + "]"), "layers[1].offset", "is 5; the layers lie end to end, so it must be 6" },
        { Config(layers: "[" + Layer + ", " + Layer2.Replace("\"offset\": 6", "\"offset\": 7", StringComparison.Ordinal) + "]"), "layers[1].offset", "must be 6" },
        { Config(steps: """[ { "op": "flip" } ]"""), "steps[0].layer", "is missing" },
        { Config(steps: """[ { "layer": "decoder:x.weight" } ]"""), "steps[0].op", "is missing" },
        { Config(steps: """[ { "layer": "decoder:x.weight", "op": "invert" } ]"""), "steps[0].op", "\"invert\" is not an operation (flip, scale, distribution)" },
        { Config(steps: """[ { "layer": "decoder:x.weight", "op": "Flip" } ]"""), "steps[0].op", "is not an operation" },
        { Config(steps: Step("\"distribution\": \"normal\"")), "steps[0].distribution", "\"normal\" is not a distribution (uniform, gaussian, beta, laplace)" },
        { Config(steps: Step("\"scale\": 9")), "steps[0].scale", "between 0 and 4" },
        { Config(steps: Step("\"scale\": -0.5")), "steps[0].scale", "between 0 and 4" },
        { Config(steps: Step("\"chaos\": 1.5")), "steps[0].chaos", "between 0 and 1" },
        { Config(steps: Step("\"chaos\": -1")), "steps[0].chaos", "between 0 and 1" },
        { Config(steps: Step("\"amount\": 150")), "steps[0].amount", "between 0 and 1" },
        { Config(steps: "[ { \"layer\": \"decoder:x.weight\", \"op\": \"flip\" }, { \"layer\": \"decoder:x.weight\", \"op\": \"scale\", \"amount\": 2 } ]"), "steps[1].amount", "between 0 and 1" },
        { Config(steps: Step("\"scale\": \"big\"")), "steps[0].scale", "must be a number" },
        { Config(steps: Step("\"seed\": -1")), "steps[0].seed", "must be a whole number from 0 to 4294967295, not -1" },
        { Config(steps: Step("\"seed\": 1.5")), "steps[0].seed", "must be a whole number from 0 to 4294967295, not 1.5" },
        { Config(steps: Step("\"seed\": 4294967296")), "steps[0].seed", "must be a whole number from 0 to 4294967295" },
        { Config(steps: """[ { "layer": "", "op": "flip" } ]"""), "steps[0].layer", "is empty; it must name a layer" },
        { Config(layers: """[ { "name": "", "shape": [2, 3], "offset": 0 } ]"""), "layers[0].name", "is empty; it must name a layer" },
    };

    [Theory]
    [MemberData(nameof(BadConfigurations))]
    public void A_bad_configuration_is_one_line_naming_the_file_and_the_field(string json, string field, string problem)
    {
        // An empty field: the whole file is at fault (not JSON), and the message names the line instead.
        var e = Assert.Throws<BendFormatException>(() => BendConfigJson.Parse(json, Source));
        Assert.StartsWith(field.Length == 0 ? $"{Source}: " : $"{Source}: {field}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain("Parameter", e.Message, StringComparison.Ordinal);
    }
}
