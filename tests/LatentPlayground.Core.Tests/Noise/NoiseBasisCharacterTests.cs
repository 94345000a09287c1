using LatentPlayground.Core.Noise;

namespace LatentPlayground.Core.Tests.Noise;

/// <summary>The traits that tell the smooth bases apart, each relative to a plainer basis.</summary>
public class NoiseBasisCharacterTests
{
    [Fact]
    public void Fractal_has_more_fast_detail_than_perlin_or_simplex()
    {
        double fractal = Roughness(NoiseBasisKind.Fractal);

        // Measured mean|d|/std at step 0.01: perlin 0.020, simplex 0.039, fractal 0.124.
        Assert.True(fractal > 3.0 * Roughness(NoiseBasisKind.Perlin), $"fractal {fractal}");
        Assert.True(fractal > 2.0 * Roughness(NoiseBasisKind.Simplex), $"fractal {fractal}");
    }

    [Fact]
    public void Fractal_detail_rides_on_a_slow_drift()
    {
        double[] walk = NoiseWalk.Run(NoiseBasisKind.Fractal, 0.01, 100_000);
        double[] drift = MovingAverage(walk, 100);

        // Averaged over one lattice unit the fast octaves cancel and the slow one remains: measured 0.55 of the
        // spread survives (plain simplex 0.61). Five octaves of equal weight would keep about 0.3, white noise 0.1.
        double kept = WalkStatistics.Of(drift).Std / WalkStatistics.Of(walk).Std;
        Assert.True(kept > 0.42, $"kept {kept}");
    }

    [Fact]
    public void Distorted_is_more_agitated_than_the_simplex_it_warps()
    {
        double distorted = Roughness(NoiseBasisKind.Distorted);

        // Measured mean|d|/std at step 0.01: simplex 0.039, distorted 0.079.
        Assert.True(distorted > 1.5 * Roughness(NoiseBasisKind.Simplex), $"distorted {distorted}");
    }

    [Fact]
    public void Distorted_is_not_the_plain_simplex_field()
    {
        double[] distorted = NoiseWalk.Run(NoiseBasisKind.Distorted, 0.05, 100_000);
        double[] simplex = NoiseWalk.Run(NoiseBasisKind.Simplex, 0.05, 100_000);

        // Same seed, same final field, but read at warped positions: measured r = 0.17.
        Assert.True(Math.Abs(NoiseWalk.Correlation(distorted, simplex)) < 0.4);
    }

    [Fact]
    public void Perlin_is_gentler_than_simplex()
    {
        var perlin = WalkStatistics.Of(NoiseWalk.Run(NoiseBasisKind.Perlin, 0.05, 100_000));
        var simplex = WalkStatistics.Of(NoiseWalk.Run(NoiseBasisKind.Simplex, 0.05, 100_000));

        // Measured mean|d| at step 0.05: perlin 0.035, simplex 0.105.
        Assert.True(perlin.MeanStep < 0.7 * simplex.MeanStep, $"perlin: {perlin}; simplex: {simplex}");
    }

    private static double Roughness(NoiseBasisKind kind)
    {
        var stats = WalkStatistics.Of(NoiseWalk.Run(kind, 0.01, 100_000));
        return stats.MeanStep / stats.Std;
    }

    private static double[] MovingAverage(double[] values, int window)
    {
        var result = new double[values.Length - window + 1];
        double sum = values.Take(window).Sum();
        result[0] = sum / window;
        for (int i = window; i < values.Length; i++)
        {
            sum += values[i] - values[i - window];
            result[i - window + 1] = sum / window;
        }

        return result;
    }
}
