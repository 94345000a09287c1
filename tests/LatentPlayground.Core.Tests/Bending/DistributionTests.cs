using LatentPlayground.Core.Bending;

namespace LatentPlayground.Core.Tests.Bending;

public class DistributionTests
{
    private const int N = 100_000;

    [Theory]
    [InlineData(BendDistribution.Uniform)]
    [InlineData(BendDistribution.Gaussian)]
    [InlineData(BendDistribution.Beta)]
    [InlineData(BendDistribution.Laplace)]
    public void Chaos_zero_leaves_the_layer_bit_identical(BendDistribution law)
    {
        float[] pristine = BendLayers.Learned(10_000);
        var bent = new float[pristine.Length];

        WeightBender.Apply(BendStep.Randomised("l", law, chaos: 0.0, amount: 1.0, seed: 5), pristine, bent);

        Assert.True(BendLayers.BitEqual(pristine, bent));
    }

    /// <summary>
    /// At 100 % the layer is pure draws: the layer's own mean and spread, the law's shape (excess kurtosis
    /// and the whole distribution function, by a Kolmogorov–Smirnov distance), and nothing of the pattern.
    /// </summary>
    [Theory]
    [InlineData(BendDistribution.Uniform, -1.2, 0.05, 1u)]
    [InlineData(BendDistribution.Uniform, -1.2, 0.05, 2024u)]
    [InlineData(BendDistribution.Gaussian, 0.0, 0.1, 1u)]
    [InlineData(BendDistribution.Gaussian, 0.0, 0.1, 2024u)]
    [InlineData(BendDistribution.Beta, -6.0 / 7.0, 0.05, 1u)]
    [InlineData(BendDistribution.Beta, -6.0 / 7.0, 0.05, 2024u)]
    [InlineData(BendDistribution.Laplace, 3.0, 0.6, 1u)]
    [InlineData(BendDistribution.Laplace, 3.0, 0.6, 2024u)]
    public void Chaos_full_draws_follow_the_law_scaled_to_the_layer(BendDistribution law, double excessKurtosis, double kurtosisTolerance, uint seed)
    {
        float[] pristine = BendLayers.Learned(N);
        var bent = new float[N];
        LayerStatistics layer = LayerStatistics.Of(pristine);

        WeightBender.Apply(BendStep.Randomised("l", law, chaos: 1.0, amount: 1.0, seed: seed), pristine, bent);

        double mu = layer.Mean, sigma = layer.StandardDeviation;
        // Standard errors at n = 100,000: mean 0.003σ, std well under 1 %.
        Assert.InRange(BendLayers.Mean(bent), mu - (0.02 * sigma), mu + (0.02 * sigma));
        Assert.InRange(BendLayers.Std(bent), 0.98 * sigma, 1.02 * sigma);
        Assert.InRange(BendLayers.ExcessKurtosis(bent), excessKurtosis - kurtosisTolerance, excessKurtosis + kurtosisTolerance);
        Assert.InRange(BendLayers.Correlation(pristine, bent), -0.02, 0.02);

        // The critical KS distance at the 0.1 % level is 1.95/√n ≈ 0.0062.
        double ks = BendLayers.KolmogorovSmirnov(bent, x => Cdf(law, (x - mu) / sigma));
        Assert.True(ks < 1.95 / Math.Sqrt(N), $"KS distance {ks:F5} from the layer-scaled {law}");
    }

    [Theory]
    [InlineData(BendDistribution.Uniform, 1.7320508)]
    [InlineData(BendDistribution.Beta, 2.2360680)]
    public void Bounded_laws_stay_within_their_bounds(BendDistribution law, double boundInStd)
    {
        float[] pristine = BendLayers.Learned(N);
        var bent = new float[N];
        LayerStatistics layer = LayerStatistics.Of(pristine);

        WeightBender.Apply(BendStep.Randomised("l", law, chaos: 1.0, seed: 3), pristine, bent);

        double limit = (boundInStd * layer.StandardDeviation) + 1e-6;
        Assert.All(bent, w => Assert.InRange(w, layer.Mean - limit, layer.Mean + limit));
    }

    /// <summary>
    /// The equal-power blend: the layer keeps its spread at every CHAOS, and its correlation with the
    /// learned pattern is the pattern's gain (1 − c)/√((1 − c)² + c²).
    /// </summary>
    [Theory]
    [InlineData(0.1)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.75)]
    [InlineData(0.9)]
    public void Partial_chaos_keeps_the_spread_and_trades_pattern_for_draws(double chaos)
    {
        float[] pristine = BendLayers.Learned(N);
        var bent = new float[N];
        LayerStatistics layer = LayerStatistics.Of(pristine);

        WeightBender.Apply(BendStep.Randomised("l", BendDistribution.Gaussian, chaos, seed: 11), pristine, bent);

        double keep = (1 - chaos) / Math.Sqrt(((1 - chaos) * (1 - chaos)) + (chaos * chaos));
        Assert.InRange(BendLayers.Std(bent), 0.98 * layer.StandardDeviation, 1.02 * layer.StandardDeviation);
        Assert.InRange(BendLayers.Mean(bent), layer.Mean - (0.02 * layer.StandardDeviation), layer.Mean + (0.02 * layer.StandardDeviation));
        Assert.InRange(BendLayers.Correlation(pristine, bent), keep - 0.02, keep + 0.02);
    }

    [Fact]
    public void More_chaos_strays_further_from_the_learned_weights()
    {
        float[] pristine = BendLayers.Learned(N);
        var bent = new float[N];
        double previous = 0;
        foreach (double chaos in new[] { 0.1, 0.3, 0.5, 0.7, 1.0 })
        {
            WeightBender.Apply(BendStep.Randomised("l", BendDistribution.Uniform, chaos, seed: 8), pristine, bent);
            double rms = 0;
            for (int i = 0; i < N; i++)
            {
                rms += (bent[i] - pristine[i]) * (bent[i] - pristine[i]);
            }

            rms = Math.Sqrt(rms / N);
            Assert.True(rms > previous, $"chaos {chaos}: rms change {rms} not above {previous}");
            previous = rms;
        }
    }

    [Fact]
    public void A_constant_layer_stays_constant_because_its_spread_is_zero()
    {
        float[] pristine = Enumerable.Repeat(0.25f, 1000).ToArray();
        var bent = new float[pristine.Length];

        WeightBender.Apply(BendStep.Randomised("l", BendDistribution.Laplace, chaos: 1.0, seed: 1), pristine, bent);

        Assert.All(bent, w => Assert.Equal(0.25f, w));
    }

    private static double Cdf(BendDistribution law, double z) => law switch
    {
        BendDistribution.Uniform => Math.Clamp((z + Math.Sqrt(3)) / (2 * Math.Sqrt(3)), 0, 1),
        BendDistribution.Gaussian => BendLayers.NormalCdf(z),
        BendDistribution.Beta => Beta22Cdf(Math.Clamp((z / Math.Sqrt(20)) + 0.5, 0, 1)),
        _ => z < 0 ? 0.5 * Math.Exp(z * Math.Sqrt(2)) : 1 - (0.5 * Math.Exp(-z * Math.Sqrt(2))),
    };

    // The Beta(2, 2) distribution function: ∫ 6x(1 − x) = 3x² − 2x³.
    private static double Beta22Cdf(double x) => (3 * x * x) - (2 * x * x * x);
}
