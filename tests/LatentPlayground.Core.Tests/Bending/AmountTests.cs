using LatentPlayground.Core.Bending;

namespace LatentPlayground.Core.Tests.Bending;

public class AmountTests
{
    [Theory]
    [InlineData(1000, 0.25, 250)]
    [InlineData(1000, 0.001, 1)]
    [InlineData(1000, 0.0, 0)]
    [InlineData(1000, 1.0, 1000)]
    [InlineData(100, 0.29, 29)] // 0.29 × 100 is 28.999… in double: rounded, not truncated
    [InlineData(997, 0.3, 299)]
    [InlineData(7, 0.5, 4)] // 3.5: halves go up
    [InlineData(10, 0.04, 0)]
    [InlineData(1, 0.49, 0)]
    [InlineData(1, 0.5, 1)]
    public void Amount_touches_exactly_the_rounded_share(int n, double amount, int expected)
    {
        float[] pristine = BendLayers.Learned(n);

        foreach (uint seed in new uint[] { 0, 1, 99, uint.MaxValue })
        {
            foreach (BendStep step in new[] { BendStep.Flip("l", amount, seed), BendStep.Scaled("l", 2.0, amount, seed) })
            {
                var bent = new float[n];
                WeightBender.Apply(step, pristine, bent);
                Assert.Equal(expected, BendLayers.ChangedIndices(pristine, bent).Length);
            }
        }

        Assert.Equal(expected, WeightBender.TouchedCount(n, amount));
    }

    [Fact]
    public void Amount_25_percent_of_1000_touches_every_fourth_weight()
    {
        float[] pristine = BendLayers.Learned(1000);
        var bent = new float[1000];

        WeightBender.Apply(BendStep.Flip("l", 0.25, seed: 123), pristine, bent);

        int[] touched = BendLayers.ChangedIndices(pristine, bent);
        Assert.Equal(250, touched.Length);
        Assert.InRange(touched[0], 0, 3);
        for (int t = 1; t < touched.Length; t++)
        {
            Assert.Equal(4, touched[t] - touched[t - 1]);
        }
    }

    /// <summary>
    /// Evenly spread: going round the layer as a ring, consecutive touched weights are ⌊n/k⌋ or ⌈n/k⌉
    /// apart (so never more than ⌈1/share⌉ apart and never clustered), for any seed.
    /// </summary>
    [Theory]
    [InlineData(1000, 0.25)]
    [InlineData(1000, 0.3)]
    [InlineData(997, 0.07)]
    [InlineData(4096, 0.5)]
    [InlineData(4096, 0.9)]
    [InlineData(12345, 0.013)]
    public void Touched_weights_are_spread_evenly_round_the_layer(int n, double amount)
    {
        float[] pristine = BendLayers.Learned(n);
        var bent = new float[n];
        for (uint seed = 0; seed < 20; seed++)
        {
            WeightBender.Apply(BendStep.Flip("l", amount, seed), pristine, bent);
            int[] touched = BendLayers.ChangedIndices(pristine, bent);
            int k = touched.Length;
            int low = n / k, high = (n + k - 1) / k;

            for (int t = 0; t < k; t++)
            {
                int gap = t + 1 < k ? touched[t + 1] - touched[t] : touched[0] + n - touched[t];
                Assert.InRange(gap, low, high);
            }

            Assert.True(high <= Math.Ceiling(1.0 / amount) + 1, "the ring gap follows the share");
        }
    }

    [Fact]
    public void Untouched_weights_keep_their_pristine_bits()
    {
        float[] pristine = BendLayers.Learned(10_000);
        var bent = new float[pristine.Length];
        var everything = new float[pristine.Length];
        BendStep step = BendStep.Randomised("l", BendDistribution.Gaussian, chaos: 0.8, amount: 0.3, seed: 42);

        WeightBender.Apply(step, pristine, bent);
        WeightBender.Apply(step with { Amount = 1.0 }, pristine, everything);

        int changed = 0;
        for (int i = 0; i < pristine.Length; i++)
        {
            bool kept = BitConverter.SingleToInt32Bits(bent[i]) == BitConverter.SingleToInt32Bits(pristine[i]);
            bool asIfAll = BitConverter.SingleToInt32Bits(bent[i]) == BitConverter.SingleToInt32Bits(everything[i]);
            Assert.True(kept || asIfAll, $"weight {i} is neither pristine nor the full-amount value");
            changed += kept ? 0 : 1;
        }

        Assert.Equal(3000, changed);
    }

    /// <summary>
    /// The draws are a function of (seed, weight index) alone: raising AMOUNT adds weights without changing
    /// the values of those that were already touched.
    /// </summary>
    [Fact]
    public void Changing_amount_does_not_reshuffle_the_other_draws()
    {
        float[] pristine = BendLayers.Learned(10_000);
        var some = new float[pristine.Length];
        var more = new float[pristine.Length];
        BendStep step = BendStep.Randomised("l", BendDistribution.Beta, chaos: 1.0, amount: 0.3, seed: 6);

        WeightBender.Apply(step, pristine, some);
        WeightBender.Apply(step with { Amount = 0.6 }, pristine, more);

        int[] inSome = BendLayers.ChangedIndices(pristine, some);
        int[] inMore = BendLayers.ChangedIndices(pristine, more);
        int[] both = [.. inSome.Intersect(inMore)];
        Assert.True(both.Length > 1000, $"only {both.Length} weights touched at both amounts");
        Assert.All(both, i => Assert.Equal(BitConverter.SingleToInt32Bits(some[i]), BitConverter.SingleToInt32Bits(more[i])));
    }
}
