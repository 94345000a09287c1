using LatentPlayground.Core.Bending;

namespace LatentPlayground.Core.Tests.Bending;

public class BendDrawsTests
{
    [Theory]
    [InlineData(BendDistribution.Uniform)]
    [InlineData(BendDistribution.Gaussian)]
    [InlineData(BendDistribution.Beta)]
    [InlineData(BendDistribution.Laplace)]
    public void Cached_draws_give_the_same_bits_as_computed_ones(BendDistribution law)
    {
        float[] pristine = BendLayers.Learned(20_000);
        var draws = new BendDraws(pristine.Length);
        draws.Fill(law, 31);
        var direct = new float[pristine.Length];
        var cached = new float[pristine.Length];

        foreach (double chaos in new[] { 0.0, 0.01, 0.5, 0.99, 1.0 })
        {
            foreach (double amount in new[] { 0.1, 0.5, 1.0 })
            {
                BendStep step = BendStep.Randomised("l", law, chaos, amount, seed: 31);
                WeightBender.Apply(step, pristine, direct);
                WeightBender.Apply(step, pristine, draws, cached);
                Assert.True(BendLayers.BitEqual(direct, cached), $"chaos {chaos}, amount {amount}");
            }
        }
    }

    [Fact]
    public void Draws_of_another_law_seed_or_size_are_refused()
    {
        float[] pristine = BendLayers.Learned(100);
        var bent = new float[100];
        var draws = new BendDraws(100);
        BendStep step = BendStep.Randomised("l", BendDistribution.Beta, 0.5, seed: 2);

        Assert.Equal("draws", Assert.Throws<ArgumentException>(() => WeightBender.Apply(step, pristine, draws, bent)).ParamName);
        draws.Fill(BendDistribution.Beta, 3);
        Assert.Throws<ArgumentException>(() => WeightBender.Apply(step, pristine, draws, bent));
        draws.Fill(BendDistribution.Gaussian, 2);
        Assert.Throws<ArgumentException>(() => WeightBender.Apply(step, pristine, draws, bent));
        var small = new BendDraws(99);
        small.Fill(BendDistribution.Beta, 2);
        Assert.Throws<ArgumentException>(() => WeightBender.Apply(step, pristine, small, bent));

        // FLIP and SCALE draw nothing and take any buffer.
        WeightBender.Apply(BendStep.Flip("l"), pristine, small, bent);
    }
}
