using LatentPlayground.Core.Noise;

namespace LatentPlayground.Core.Tests.Noise;

public class NoiseBasisPlateauTests
{
    [Theory]
    [InlineData(NoiseBasisKind.Cell)]
    [InlineData(NoiseBasisKind.Voronoi)]
    public void Stepped_bases_hold_then_jump(NoiseBasisKind kind)
    {
        var stats = WalkStatistics.Of(NoiseWalk.Run(kind, 0.05, 100_000));

        // Measured: zero steps 0.95 (cell) and 0.94 (voronoi); a jump between two independent uniform values
        // averages 2/3 (measured 0.66 for both). Smooth bases have no zero steps at all.
        Assert.True(stats.ZeroStepFraction > 0.85, $"{kind}: {stats}");
        Assert.True(stats.MeanNonZeroStep > 0.45, $"{kind}: {stats}");
    }

    [Fact]
    public void Cell_plateaus_are_one_cell_long()
    {
        var stats = WalkStatistics.Of(NoiseWalk.Run(NoiseBasisKind.Cell, 0.05, 100_000));

        // 20 steps of 0.05 per unit cell, every time (measured mean 20.0, cv 0.004).
        Assert.InRange(stats.RunLengthMean, 19.5, 20.5);
        Assert.True(stats.RunLengthCv < 0.05, stats.ToString());
    }

    [Fact]
    public void Voronoi_plateaus_are_irregular()
    {
        var cell = WalkStatistics.Of(NoiseWalk.Run(NoiseBasisKind.Cell, 0.05, 100_000));
        var voronoi = WalkStatistics.Of(NoiseWalk.Run(NoiseBasisKind.Voronoi, 0.05, 100_000));

        // The walk cuts Voronoi regions along chords of every length (measured cv 0.39, mean 17 steps);
        // a square grid of cells, or a jittered grid read without nearest-point search, stays near cv 0.
        Assert.True(voronoi.RunLengthCv > 0.25, voronoi.ToString());
        Assert.True(voronoi.RunLengthCv > cell.RunLengthCv + 0.2, $"voronoi: {voronoi}; cell: {cell}");
        Assert.InRange(voronoi.RunLengthMean, 8.0, 30.0);
    }
}
