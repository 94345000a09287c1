using LatentPlayground.Core.Noise;

namespace LatentPlayground.Core.Tests.Noise;

public class NoiseBasisRangeTests
{
    [Theory]
    [InlineData(NoiseBasisKind.Cell)]
    [InlineData(NoiseBasisKind.Simplex)]
    [InlineData(NoiseBasisKind.Perlin)]
    [InlineData(NoiseBasisKind.Distorted)]
    [InlineData(NoiseBasisKind.Voronoi)]
    [InlineData(NoiseBasisKind.Fractal)]
    public void A_long_walk_stays_in_range_and_uses_most_of_it(NoiseBasisKind kind)
    {
        var stats = WalkStatistics.Of(NoiseWalk.Run(kind, 0.05, 100_000));

        // Measured (seed 7): std 0.32 (fractal) .. 0.57 (cell), span 1.75 (fractal) .. 2.0 (cell, voronoi).
        Assert.True(stats.Min >= -1.0 && stats.Max <= 1.0, stats.ToString());
        Assert.InRange(stats.Std, 0.25, 0.65);
        Assert.True(stats.Max - stats.Min > 1.5, stats.ToString());
        Assert.True(Math.Abs(stats.Mean) < 0.08, stats.ToString());
    }

    [Theory]
    [InlineData(NoiseBasisKind.Cell)]
    [InlineData(NoiseBasisKind.Simplex)]
    [InlineData(NoiseBasisKind.Perlin)]
    [InlineData(NoiseBasisKind.Distorted)]
    [InlineData(NoiseBasisKind.Voronoi)]
    [InlineData(NoiseBasisKind.Fractal)]
    public void Anywhere_on_the_plane_with_any_seed_the_value_is_in_range(NoiseBasisKind kind)
    {
        NoiseBasis basis = NoiseBasis.Get(kind);

        // A fixed LCG, not System.Random, so the points are the same on every run.
        ulong state = 0x2545F4914F6CDD1Dul;
        for (int i = 0; i < 200_000; i++)
        {
            double x = (NextUnit(ref state) * 2e6) - 1e6;
            double y = (NextUnit(ref state) * 2e3) - 1e3;
            uint seed = (uint)(state >> 32);
            double v = basis.Sample(x, y, seed);

            Assert.True(v >= -1.0 && v <= 1.0, FormattableString.Invariant($"{kind} at ({x}, {y}) seed {seed}: {v}"));
        }
    }

    private static double NextUnit(ref ulong state)
    {
        state = (state * 6364136223846793005ul) + 1442695040888963407ul;
        return (state >> 11) * (1.0 / (1ul << 53));
    }
}
