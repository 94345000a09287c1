using LatentPlayground.Core.Engine;

namespace LatentPlayground.Core.Tests.Engine;

/// <summary>
/// Models of any latent size L: the eight offsets and modulators move the first min(8, L) dimensions
/// exactly as they move the bundled 8-dimensional model's, dimensions past the eighth are the encoder's
/// own (zero with encode off), and the settings of dimensions a short latent lacks do nothing.
/// </summary>
public class LatentSizeTests
{
    // Every per-dimension setting away from its default, so a dimension that took the wrong one would show.
    private static readonly string[] Moving =
    [
        "speed=800", "rate=12", "basis=fractal", "deviation=0.4", "scale=1.5",
        "offset.1=0.5", "offset.2=-0.7", "offset.3=0.2", "offset.4=1", "offset.5=-1", "offset.6=0.3", "offset.7=-0.2", "offset.8=0.8",
        "seed.5=77", "time.6=free", "time.6.ms=300",
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(16)]
    [InlineData(128)]
    public void With_encode_off_the_driven_dimensions_move_as_for_eight_and_the_rest_stay_zero(int latentSize)
    {
        List<float[]> eight = Latents(new IdentityCodec(512, 0, 44100), 40, ["encode=off", .. Moving]);
        List<float[]> wide = Latents(new IdentityCodec(512, 0, 44100, latentSize), 40, ["encode=off", .. Moving]);

        int driven = Math.Min(8, latentSize);
        for (int f = 0; f < wide.Count; f++)
        {
            Assert.Equal(latentSize, wide[f].Length);
            Assert.Equal(eight[f][..driven], wide[f][..driven]);
            Assert.All(wide[f][driven..], v => Assert.Equal(0f, v));
        }

        // The modulators really moved: otherwise equal trajectories would prove nothing.
        Assert.NotEqual(wide[5][0], wide[30][0]);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(128)]
    public void With_encode_on_the_dimensions_past_the_eighth_are_the_encoders_own(int latentSize)
    {
        // No Mode, so the first eight are exactly encoder + offsets + modulation, comparable with encode off.
        string[] settings = ["mode=none", .. Moving];
        List<float[]> chain = Latents(new IdentityCodec(512, 0, 44100), 40, ["encode=off", .. settings]);

        var codec = new IdentityCodec(512, 0, 44100, latentSize);
        var engine = EngineHarness.Create(codec, 1, settings);
        int hops = 0;
        engine.LatentObserver = (frame, z) =>
        {
            Assert.Equal(codec.LastDecoded, z.ToArray());
            for (int d = 0; d < 8; d++)
            {
                Assert.Equal(chain[(int)frame][d], z[d] - codec.LastEncoded[d], tolerance: 1e-5);
            }

            for (int d = 8; d < latentSize; d++)
            {
                Assert.Equal(codec.LastEncoded[d], z[d]);
            }

            hops++;
        };
        EngineHarness.Run(engine, Noise(512 * 40, 4), 300);
        Assert.Equal(40, hops);
        Assert.Contains(codec.LastEncoded[8..], v => v != 0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Settings_for_dimensions_a_short_latent_lacks_change_nothing(int latentSize)
    {
        string[] lacking = [.. Enumerable.Range(latentSize + 1, 8 - latentSize).SelectMany(d => new[] { $"offset.{d}=2.5", $"seed.{d}=999", $"time.{d}=1/16" })];
        float[] input = Noise(512 * 30, 8);
        float[] plain = EngineHarness.Run(EngineHarness.Create(new IdentityCodec(512, 0, 44100, latentSize), 1, Moving), input);
        float[] set = EngineHarness.Run(EngineHarness.Create(new IdentityCodec(512, 0, 44100, latentSize), 1, [.. Moving, .. lacking]), input);
        Assert.Equal(plain, set);

        List<float[]> a = Latents(new IdentityCodec(512, 0, 44100, latentSize), 30, Moving);
        List<float[]> b = Latents(new IdentityCodec(512, 0, 44100, latentSize), 30, [.. Moving, .. lacking]);
        Assert.Equal(a, b);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(128)]
    public void Freeze_holds_every_dimension(int latentSize)
    {
        var codec = new IdentityCodec(512, 0, 48000, latentSize);
        var engine = EngineHarness.Create(codec, 1, [.. Moving, "freeze=on"]);
        var seen = new List<float[]>();
        engine.LatentObserver = (_, z) => seen.Add(z.ToArray());
        EngineHarness.Run(engine, Noise(512 * 10, 2));
        Assert.All(seen, z => Assert.Equal(seen[0], z));
    }

    private static List<float[]> Latents(IdentityCodec codec, int hops, string[] settings)
    {
        var engine = EngineHarness.Create(codec, 1, settings);
        var seen = new List<float[]>();
        engine.LatentObserver = (_, z) => seen.Add(z.ToArray());
        EngineHarness.Run(engine, Noise(codec.Hop * hops, 4), 300);
        Assert.Equal(hops, seen.Count);
        return seen;
    }

    private static float[] Noise(int length, int seed)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => (float)((rng.NextDouble() - 0.5) * 0.4))];
    }
}
