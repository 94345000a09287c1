using LatentPlayground.Core.Bending;

namespace LatentPlayground.Core.Tests.Bending;

public class BendRandomTests
{
    [Fact]
    public void Our_logarithm_matches_the_platform_one_to_the_last_bits()
    {
        double[] xs = [1e-30, 1.1e-16, 0.001, 0.25, 0.5, 0.70710678, 0.7071068, 0.999999, 1.0, 1.0000001, 1.41421356, 1.4142136, 2.0, 10.0, 12345.678];
        foreach (double x in xs)
        {
            Assert.True(Math.Abs(BendRandom.Log(x) - Math.Log(x)) <= 4e-16 * Math.Max(1.0, Math.Abs(Math.Log(x))), $"log({x})");
        }

        for (int i = 1; i < 100_000; i++)
        {
            double x = BendRandom.Uniform(7, i, 0);
            Assert.True(Math.Abs(BendRandom.Log(x) - Math.Log(x)) <= 4e-16 * Math.Max(1.0, Math.Abs(Math.Log(x))), $"log({x})");
        }
    }

    [Fact]
    public void Uniforms_stay_strictly_inside_0_to_1_and_are_flat()
    {
        var buckets = new int[10];
        const int n = 200_000;
        for (int i = 0; i < n; i++)
        {
            double u = BendRandom.Uniform(BendRandom.Key(3), i, 1);
            Assert.True(u > 0.0 && u < 1.0);
            buckets[(int)(u * 10)]++;
        }

        Assert.All(buckets, b => Assert.InRange(b, (n / 10) - 600, (n / 10) + 600));
    }
}
