using LatentPlayground.Core.Noise;

namespace LatentPlayground.Core.Tests.Noise;

public class NoiseBasisContinuityTests
{
    [Theory]
    [InlineData(NoiseBasisKind.Simplex)]
    [InlineData(NoiseBasisKind.Perlin)]
    [InlineData(NoiseBasisKind.Distorted)]
    [InlineData(NoiseBasisKind.Fractal)]
    public void Smooth_bases_move_only_a_little_per_tiny_step(NoiseBasisKind kind)
    {
        foreach (uint seed in new uint[] { 7, 99, 31337 })
        {
            var stats = WalkStatistics.Of(NoiseWalk.Run(kind, 0.001, 100_000, seed));

            // Measured max |d| at seed 7: simplex 0.007, perlin 0.003, fractal 0.021, distorted 0.029.
            // Cell and voronoi reach 1.9 here: a single jump is enough to fail.
            Assert.True(stats.MaxStep < 0.05, $"{kind} seed {seed}: {stats}");
        }
    }

    [Theory]
    [InlineData(NoiseBasisKind.Simplex, true)]
    [InlineData(NoiseBasisKind.Perlin, true)]
    [InlineData(NoiseBasisKind.Distorted, true)]
    [InlineData(NoiseBasisKind.Fractal, true)]
    [InlineData(NoiseBasisKind.Cell, false)]
    [InlineData(NoiseBasisKind.Voronoi, false)]
    public void Only_smooth_bases_shrink_their_largest_step_with_the_step(NoiseBasisKind kind, bool continuous)
    {
        // Over the same stretch of x, a continuous field's largest change shrinks about tenfold when the step
        // does; a field with jumps keeps jumps of the same size however finely it is walked.
        double coarse = NoiseWalk.MaxStepOver(kind, NoiseWalk.StartX, 20.0, 0.001);
        double fine = NoiseWalk.MaxStepOver(kind, NoiseWalk.StartX, 20.0, 0.0001);
        double ratio = fine / coarse;

        if (continuous)
        {
            Assert.True(ratio < 0.2, $"{kind}: {fine} / {coarse}");
        }
        else
        {
            Assert.True(ratio > 0.5 && fine > 0.5, $"{kind}: {fine} / {coarse}");
        }
    }

    [Theory]
    [InlineData(NoiseBasisKind.Simplex)]
    [InlineData(NoiseBasisKind.Perlin)]
    [InlineData(NoiseBasisKind.Distorted)]
    [InlineData(NoiseBasisKind.Fractal)]
    public void At_a_coarse_step_smooth_bases_change_by_much_less_than_a_cell_jump(NoiseBasisKind kind)
    {
        var cell = WalkStatistics.Of(NoiseWalk.Run(NoiseBasisKind.Cell, 0.05, 100_000));
        var smooth = WalkStatistics.Of(NoiseWalk.Run(kind, 0.05, 100_000));

        // The mean over all steps does not separate them: cell holds still 95% of the time. What does is the size
        // of a change when there is one. Measured: cell 0.66; perlin 0.035, simplex 0.105, fractal 0.14,
        // distorted 0.20. A smooth basis also never holds still.
        Assert.True(smooth.MeanNonZeroStep < 0.4 * cell.MeanNonZeroStep, $"{kind}: {smooth}; cell: {cell}");
        Assert.True(smooth.ZeroStepFraction < 0.01, $"{kind}: {smooth}");
    }

    [Theory]
    [InlineData(NoiseBasisKind.Cell)]
    [InlineData(NoiseBasisKind.Simplex)]
    [InlineData(NoiseBasisKind.Perlin)]
    [InlineData(NoiseBasisKind.Distorted)]
    [InlineData(NoiseBasisKind.Voronoi)]
    [InlineData(NoiseBasisKind.Fractal)]
    public void A_walk_forgets_where_it_was_and_never_repeats(NoiseBasisKind kind)
    {
        double[] walk = NoiseWalk.Run(kind, 0.05, 100_000);

        // Noise decorrelates beyond a couple of lattice units (measured |r| <= 0.04 at every lag below). A
        // periodic stand-in such as a sine would correlate strongly at one of these unrelated lags at least.
        foreach (double lag in new[] { 4.0, 6.5, 9.0, 13.0, 21.7, 50.0 })
        {
            double r = NoiseWalk.Correlation(walk, walk, (int)Math.Round(lag / 0.05));
            Assert.True(Math.Abs(r) < 0.12, FormattableString.Invariant($"{kind} lag {lag}: r = {r:F3}"));
        }
    }
}
