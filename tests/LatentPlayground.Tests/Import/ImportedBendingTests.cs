using LatentPlayground.Bending;
using LatentPlayground.Core.Bending;
using LatentPlayground.Inference;

namespace LatentPlayground.Tests.Import;

/// <summary>
/// Bending works on the RAVE models players bring, not only on the bundled one: each imported fixture lists its
/// convolution layers, a bend of its decoder changes what the model computes, and RELOAD gives the unbent output bit
/// for bit (every noise input held at its noise-free value, so the comparison is exact).
/// </summary>
[Collection(RaveFixtureCollection.Name)]
public sealed class ImportedBendingTests(RaveFixtures fixtures)
{
    public static TheoryData<string> Names => [.. RaveFixtures.Names];

    [RaveFixtureTheory]
    [MemberData(nameof(Names))]
    public void An_imported_model_bends_and_reloads_to_its_own_output(string name)
    {
        var (code, _, error, folder) = fixtures.Imported(name);
        Assert.True(code == 0, error);
        using var codec = new OnnxStreamingCodec(ModelPackage.Load(folder), new CodecOptions { Bendable = true, DeterministicNoise = true, WarmUpHops = 1 });
        var bend = new ModelBend(codec);
        Assert.Contains(bend.Layers, l => l.Name.StartsWith("encoder:", StringComparison.Ordinal));
        Assert.Contains(bend.Layers, l => l.Name.StartsWith("decoder:", StringComparison.Ordinal));

        float[] input = new float[codec.Hop * 6];
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = (float)(0.3 * Math.Sin(2 * Math.PI * 220 * i / codec.SampleRate));
        }

        float[] unbent = Play(codec, input);
        // The noise generator's layers shape noise, which the noise-free path holds at zero: a layer of the main path.
        int layer = Enumerable.Range(0, bend.Session.LayerCount)
            .Where(i => bend.Session.Name(i).StartsWith("decoder:", StringComparison.Ordinal) && !bend.Session.Name(i).EndsWith("bias", StringComparison.Ordinal)
                && !bend.Session.Name(i).Contains(".noise.", StringComparison.Ordinal))
            .MaxBy(i => bend.Session.Pristine(i).Length);
        bend.Session.Edit(BendStep.Scaled(bend.Session.Name(layer), 0.25));
        Assert.True(bend.Session.Set());
        bend.WriteThrough();
        float[] bent = Play(codec, input);
        Assert.True(bent.Zip(unbent, (a, b) => Math.Abs(a - b)).Max() > 1e-5, $"scaling {bend.Session.Name(layer)} changed nothing");

        bend.Session.Reload();
        bend.WriteThrough();
        Assert.Equal(unbent, Play(codec, input));
    }

    private static float[] Play(OnnxStreamingCodec codec, float[] input)
    {
        codec.Reset();
        float[] output = new float[input.Length], latent = new float[codec.LatentSize];
        for (int h = 0; h + codec.Hop <= input.Length; h += codec.Hop)
        {
            codec.Encode(input.AsSpan(h, codec.Hop), latent);
            codec.Decode(latent, output.AsSpan(h, codec.Hop));
        }

        return output;
    }
}
