using LatentPlayground.Audio.Wav;
using LatentPlayground.Bending;
using LatentPlayground.Core.Bending;
using LatentPlayground.Inference;
using Xunit.Abstractions;

namespace LatentPlayground.Tests.Bending;

/// <summary>
/// What a player hears when a bend lands between two hops: the demo riff through the bundled model, the largest
/// decoder layer's bend applied at a hop boundary mid-phrase (as SET does live). The sample step across that boundary
/// is compared with the largest steps inside the unbent and the bent renders around it: a click would stand out.
/// </summary>
public sealed class BendSwitchSoundTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("scale", 2.0)]
    [InlineData("scale", 0.3)]
    [InlineData("distribution", 1.0)]
    public void A_bend_landing_between_two_hops_makes_no_click(string op, double amount)
    {
        float[] riff = WavReader.Read(Path.Combine(AppContext.BaseDirectory, "Assets", "demo", "guitar-riff.wav")).Samples[0];
        using var codec = new OnnxStreamingCodec(ModelPackage.Load(Render.OnnxCodecSource.DefaultModelFolder), new CodecOptions { Bendable = true, WarmUpHops = 1 });
        var bend = new ModelBend(codec);
        int layer = Enumerable.Range(0, bend.Session.LayerCount).Where(i => bend.Session.Name(i).StartsWith("decoder:", StringComparison.Ordinal)).MaxBy(i => bend.Session.Pristine(i).Length);
        string name = bend.Session.Name(layer);
        BendStep step = op == "scale" ? BendStep.Scaled(name, amount) : BendStep.Randomised(name, BendDistribution.Gaussian, amount, seed: 5);
        int hop = codec.Hop, hops = riff.Length / hop, switchHop = hops / 2;

        float[] unbent = Play(codec, riff, hops, -1, null, bend);
        float[] bent = Play(codec, riff, hops, 0, step, bend);
        float[] switched = Play(codec, riff, hops, switchHop, step, bend);

        // The hop where the bend lands (its output still carries the old weights' state) against the same stretch of the
        // unbent and of the always-bent renders: a click is a step larger than either sound makes there.
        int edge = switchHop * hop;
        double jump = 0, around = 0;
        for (int t = edge - 8; t < edge + hop; t++)
        {
            jump = Math.Max(jump, Math.Abs(switched[t] - switched[t - 1]));
            around = Math.Max(around, Math.Max(Math.Abs(unbent[t] - unbent[t - 1]), Math.Abs(bent[t] - bent[t - 1])));
        }

        output.WriteLine($"{op} {amount} on {name}: largest step in the hop the bend lands on {jump:0.00000}; in the same hop unbent or bent {around:0.00000}");
        Assert.True(jump <= 1.1 * around, $"the bend landed with a step of {jump} where the renders' own steps reach {around}");
    }

    // Plays every hop; the bend is set, and written into the graph, before hop <paramref name="at"/> (never when -1).
    private static float[] Play(OnnxStreamingCodec codec, float[] input, int hops, int at, BendStep? step, ModelBend bend)
    {
        bend.Session.Reload();
        bend.WriteThrough();
        codec.Reset();
        float[] output = new float[hops * codec.Hop], latent = new float[codec.LatentSize];
        for (int h = 0; h < hops; h++)
        {
            if (h == at && step is BendStep s)
            {
                bend.Session.Edit(s);
                _ = bend.Session.Set();
                bend.WriteThrough();
            }

            codec.Encode(input.AsSpan(h * codec.Hop, codec.Hop), latent);
            codec.Decode(latent, output.AsSpan(h * codec.Hop, codec.Hop));
        }

        return output;
    }
}
