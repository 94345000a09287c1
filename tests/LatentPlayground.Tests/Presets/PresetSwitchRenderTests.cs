using LatentPlayground.Audio.Wav;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Inference;
using LatentPlayground.Presets;
using LatentPlayground.Render;
using Xunit.Abstractions;

namespace LatentPlayground.Tests.Presets;

/// <summary>Preset recall through <c>render</c>, with the bundled model: no pop at the switch.</summary>
public sealed class PresetSwitchRenderTests(ITestOutputHelper output)
{
    private static string Assets => Path.Combine(AppContext.BaseDirectory, "Assets");

    [Theory]
    [InlineData("Simplex glass", "Fractal storm", 2.0)]
    [InlineData("Fractal storm", "Offsets only", 3.137)]
    [InlineData("Cell steps", "Distorted growl", 4.5)]
    public void Switching_presets_adds_no_step_larger_than_either_preset_has_alone(string from, string to, double at)
    {
        float[] riff = WavReader.Read(Path.Combine(Assets, "demo", "guitar-riff.wav")).Samples[0];
        ParameterSet a = PresetLocations.Resolve(from, "/nonexistent").Parameters;
        ParameterSet b = PresetLocations.Resolve(to, "/nonexistent").Parameters;

        float[] aloneA = Render(riff, a, []);
        float[] aloneB = Render(riff, b, []);
        float[] switched = Render(riff, a, [new PresetSwitch(at, to, b)]);

        double limit = Math.Max(LargestStep(aloneA, 0, riff.Length), LargestStep(aloneB, 0, riff.Length));
        int at0 = (int)(at * 48000);
        double aroundSwitch = LargestStep(switched, at0 - 4800, at0 + 14400);
        output.WriteLine($"{from} -> {to} at {at} s: largest step around the switch {aroundSwitch:F4}; largest alone {limit:F4} (ratio {aroundSwitch / limit:F2})");
        Assert.True(aroundSwitch <= limit, $"a step of {aroundSwitch:F4} at the switch, more than either preset alone ({limit:F4})");

        // The switch really happened: after it, the output is preset B's (same modulator start, same model state aside).
        Assert.NotEqual(aloneA[^1000..], switched[^1000..]);
    }

    [Fact]
    public void A_switch_lands_on_the_same_sample_whatever_the_block_size()
    {
        float[] riff = WavReader.Read(Path.Combine(Assets, "demo", "guitar-riff.wav")).Samples[0][..(48000 * 3)];
        ParameterSet a = PresetLocations.Resolve("Perlin drift", "/nonexistent").Parameters;
        ParameterSet b = PresetLocations.Resolve("Voronoi regions", "/nonexistent").Parameters;
        PresetSwitch[] switches = [new PresetSwitch(1.2345, "b", b)];
        Assert.Equal(Render(riff, a, switches, block: 512), Render(riff, a, switches, block: 67));
    }

    private static float[] Render(float[] input, ParameterSet start, IReadOnlyList<PresetSwitch> switches, int block = 512)
    {
        ModelPackage package = ModelPackage.Load(Path.Combine(Assets, "models", "default"));
        using var codec = new OnnxStreamingCodec(package, new CodecOptions { Precision = package.BestPrecision });
        var settings = new RenderSettings { Parameters = start, Switches = switches, BlockFrames = block };
        return RenderJob.Run(codec, [input], settings).Channels[0];
    }

    private static double LargestStep(float[] x, int from, int to)
    {
        double worst = 0;
        for (int i = Math.Max(1, from); i < Math.Min(x.Length, to); i++)
        {
            worst = Math.Max(worst, Math.Abs(x[i] - x[i - 1]));
        }

        return worst;
    }
}
