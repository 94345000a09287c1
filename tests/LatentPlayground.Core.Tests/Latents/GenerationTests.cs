using LatentPlayground.Core.Latents;

namespace LatentPlayground.Core.Tests.Latents;

public sealed class GenerationTests
{
    // A source whose dimensions differ in mean, spread and range, and whose dimensions 0 and 1 move together.
    private static LatentArray Source(int frames = 4000)
    {
        var values = new double[frames * 3];
        for (int f = 0; f < frames; f++)
        {
            double a = Math.Sin(f * 0.37) * 2.0, b = Math.Cos(f * 1.31);
            values[f * 3] = 1.5 + a;
            values[(f * 3) + 1] = -0.5 + (0.8 * a) + (0.3 * b);
            values[(f * 3) + 2] = 4.0 * Math.Sin(f * 0.011);
        }

        return new LatentArray(frames, 3, values);
    }

    [Fact]
    public void Statistics_are_worked_by_hand_and_pool_arrays()
    {
        LatentArray a = LatentArray.FromRows(new double[,] { { 1, 10 }, { 3, 10 } });
        LatentArray b = LatentArray.FromRows(new double[,] { { 5, -2 } });
        LatentStatistics s = LatentStatistics.Of([a, b]);
        Assert.Equal(3, s.Frames);
        Assert.Equal(3, s.Mean[0], 12);
        Assert.Equal(6, s.Mean[1], 12);
        Assert.Equal(Math.Sqrt(8.0 / 3), s.StandardDeviation[0], 12);
        Assert.Equal(Math.Sqrt(32.0), s.StandardDeviation[1], 12);
        Assert.Equal(1, s.Min[0]);
        Assert.Equal(5, s.Max[0]);
        Assert.Equal(-2, s.Min[1]);
        // ((−2)(4) + 0·4 + 2·(−8)) / 3
        Assert.Equal(-8.0, s.Covariance(0, 1), 12);
        Assert.Throws<LatentFormatException>(() => LatentStatistics.Of([a, LatentArray.FromRows(new double[,] { { 1, 2, 3 } })]));
        Assert.Throws<LatentFormatException>(() => LatentStatistics.Of([]));
    }

    [Theory]
    [InlineData(LatentDistribution.Normal)]
    [InlineData(LatentDistribution.Uniform)]
    [InlineData(LatentDistribution.Correlated)]
    public void Generated_statistics_match_the_source(LatentDistribution law)
    {
        LatentStatistics source = LatentStatistics.Of([Source()]);
        LatentStatistics generated = LatentStatistics.Of([LatentGenerator.Generate(source, law, 20000, seed: 3)]);
        for (int d = 0; d < 3; d++)
        {
            double spread = source.StandardDeviation[d];
            if (law == LatentDistribution.Uniform)
            {
                // Uniform between the source's extremes: inside them, filling them.
                Assert.InRange(generated.Min[d], source.Min[d], source.Min[d] + (0.01 * (source.Max[d] - source.Min[d])));
                Assert.InRange(generated.Max[d], source.Max[d] - (0.01 * (source.Max[d] - source.Min[d])), source.Max[d]);
                Assert.Equal((source.Min[d] + source.Max[d]) / 2, generated.Mean[d], 0.03 * (source.Max[d] - source.Min[d]));
            }
            else
            {
                Assert.Equal(source.Mean[d], generated.Mean[d], 0.03 * spread);
                Assert.Equal(spread, generated.StandardDeviation[d], 0.03 * spread);
            }
        }

        double sourceCorrelation = source.Covariance(0, 1) / (source.StandardDeviation[0] * source.StandardDeviation[1]);
        double generatedCorrelation = generated.Covariance(0, 1) / (generated.StandardDeviation[0] * generated.StandardDeviation[1]);
        if (law == LatentDistribution.Correlated)
        {
            Assert.True(sourceCorrelation > 0.9, $"the source's correlation {sourceCorrelation}");
            Assert.Equal(sourceCorrelation, generatedCorrelation, 0.02);
        }
        else
        {
            Assert.InRange(generatedCorrelation, -0.05, 0.05);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_array_and_another_seed_another()
    {
        LatentStatistics s = LatentStatistics.Of([Source(200)]);
        foreach (LatentDistribution law in Enum.GetValues<LatentDistribution>())
        {
            double[] first = LatentGenerator.Generate(s, law, 64, seed: 11).Values.ToArray();
            Assert.Equal(first, LatentGenerator.Generate(s, law, 64, seed: 11).Values.ToArray());
            Assert.NotEqual(first, LatentGenerator.Generate(s, law, 64, seed: 12).Values.ToArray());
            Assert.NotEqual(first, LatentGenerator.Generate(s, law, 64, seed: 11, stream: 1).Values.ToArray());
            // A longer draw starts with the shorter one.
            Assert.Equal(first, LatentGenerator.Generate(s, law, 100, seed: 11).Values[..(64 * 3)].ToArray());
        }
    }

    [Fact]
    public void A_singular_covariance_still_generates()
    {
        // Dimension 1 is twice dimension 0, dimension 2 never moves.
        LatentArray a = LatentArray.FromRows(new double[,] { { 1, 2, 5 }, { -1, -2, 5 }, { 0.5, 1, 5 }, { 2, 4, 5 } });
        LatentArray g = LatentGenerator.Generate(LatentStatistics.Of([a]), LatentDistribution.Correlated, 50, seed: 1);
        for (int f = 0; f < g.Frames; f++)
        {
            Assert.Equal(2 * g[f, 0], g[f, 1], 9);
            Assert.Equal(5, g[f, 2], 12);
        }
    }

    [Fact]
    public void An_empty_generation_is_refused() =>
        Assert.Throws<LatentFormatException>(() => LatentGenerator.Generate(LatentStatistics.Of([Source(10)]), LatentDistribution.Normal, 0, 1));
}
