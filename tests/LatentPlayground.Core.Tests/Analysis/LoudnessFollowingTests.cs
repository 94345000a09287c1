using LatentPlayground.Core.Analysis;

namespace LatentPlayground.Core.Tests.Analysis;

public class LoudnessFollowingTests
{
    private const int Rate = TestSignals.Rate;

    [Fact]
    public void A_scaled_copy_follows_perfectly()
    {
        float[] x = TestSignals.SwellingNoise(4 * Rate);
        float[] y = [.. x.Select(v => 0.3f * v)];

        LoudnessFollowingResult result = LoudnessFollowing.Measure(x, y, Rate);

        Assert.Equal(0, result.LagSamples);
        Assert.Equal(1.0, result.R, 1e-6);
        Assert.Equal(200, result.Frames);
    }

    [Theory]
    [InlineData(4800)]
    [InlineData(2048 + 960)] // not a whole number of 1 ms frames
    [InlineData(48000)]
    public void A_delayed_copy_is_aligned_before_it_is_compared(int delay)
    {
        float[] x = TestSignals.SwellingNoise(4 * Rate);
        float[] y = TestSignals.Delayed(x, delay);

        LoudnessFollowingResult result = LoudnessFollowing.Measure(x, y, Rate);
        LoudnessFollowingResult unaligned = LoudnessFollowing.Aligned(x, y, Rate);

        // Lags are found to the 1 ms envelope frame (48 samples).
        Assert.InRange(result.LagSamples, delay - 24, delay + 24);
        Assert.True(result.R > 0.99, $"r = {result.R}");
        Assert.True(unaligned.R < result.R);
    }

    [Fact]
    public void A_lag_beyond_the_search_is_not_found()
    {
        float[] x = TestSignals.SwellingNoise(4 * Rate);
        float[] y = TestSignals.Delayed(x, 9600);

        Assert.True(LoudnessFollowing.Measure(x, y, Rate, maxLagSeconds: 0.1).LagSamples <= 4800);
        Assert.Equal(9600, LoudnessFollowing.Measure(x, y, Rate, maxLagSeconds: 0.5).LagSamples);
    }

    [Fact]
    public void Unrelated_loudness_does_not_correlate()
    {
        float[] x = TestSignals.SwellingNoise(4 * Rate);
        var rng = new Random(11);
        float[] y = [.. Enumerable.Range(0, 4 * Rate).Select(_ => (float)(0.3 * (rng.NextDouble() - 0.5)))];

        Assert.True(Math.Abs(LoudnessFollowing.Measure(x, y, Rate).R) < 0.3);
    }

    [Fact]
    public void The_envelope_is_the_RMS_of_whole_frames()
    {
        double[] envelope = RmsEnvelope.Compute([3f, -4f, 0f, 0f, 1f], 2);

        Assert.Equal([Math.Sqrt(12.5), 0.0], envelope);
    }
}
