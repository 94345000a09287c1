using LatentPlayground.Core.Bending;

namespace LatentPlayground.Core.Tests.Bending;

public class LayerStatisticsTests
{
    [Fact]
    public void Statistics_of_a_small_layer_are_exact()
    {
        LayerStatistics s = LayerStatistics.Of([5f, 1f, 4f, 2f, 3f]);

        Assert.Equal(5, s.Count);
        Assert.Equal(3.0, s.Mean, 12);
        Assert.Equal(Math.Sqrt(2.0), s.StandardDeviation, 12);
        Assert.Equal(1.0, s.Min);
        Assert.Equal(5.0, s.Max);
    }

    [Fact]
    public void A_large_mean_does_not_swamp_a_small_spread()
    {
        // Gains near 1 with a spread of 1e-3, as in a normalisation layer: a one-pass Σx² − (Σx)² loses it.
        float[] w = new float[10_001];
        for (int i = 0; i < w.Length; i++)
        {
            w[i] = 1.0f + (i % 2 == 0 ? 1e-3f : -1e-3f);
        }

        LayerStatistics s = LayerStatistics.Of(w);

        Assert.Equal(1e-3, s.StandardDeviation, 6);
        Assert.Equal(1.0, s.Mean, 6);
    }
}
