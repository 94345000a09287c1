using LatentPlayground.Core.Dsp;

namespace LatentPlayground.Core.Tests.Dsp;

public class PeakLimiterTests
{
    [Fact]
    public void Random_bursts_never_pass_the_ceiling_and_quiet_audio_passes_untouched_after_the_lookahead()
    {
        var rng = new Random(21);
        var limiter = new PeakLimiter(64, 400);
        const double ceiling = 0.5;
        var input = new float[200000];
        for (int i = 0; i < input.Length; i++)
        {
            bool burst = i / 5000 % 3 == 1;
            input[i] = (float)((rng.NextDouble() - 0.5) * (burst ? 6 : 0.8));
        }

        var output = input.Select(x => limiter.Process(x, ceiling)).ToArray();
        Assert.All(output, v => Assert.True(Math.Abs(v) <= ceiling));

        // Long after a burst, with the release done, quiet audio is the input delayed by the look-ahead.
        for (int i = 19000; i < 20000; i++)
        {
            Assert.Equal(input[i - 64], output[i], 6);
        }
    }

    [Fact]
    public void A_single_peak_is_caught_by_a_ramp_not_a_step()
    {
        var limiter = new PeakLimiter(64, 4800);
        var input = Enumerable.Repeat(0.2f, 1000).ToArray();
        input[500] = 2f;
        var gains = new List<double>();
        foreach (float x in input)
        {
            limiter.Process(x, 1.0);
            gains.Add(limiter.Gain);
        }

        // The gain falls to 0.5 over the look-ahead, reaching it exactly when the peak comes out.
        Assert.Equal(0.5, gains[500 + 64], 9);
        for (int i = 1; i < gains.Count; i++)
        {
            Assert.True(Math.Abs(gains[i] - gains[i - 1]) <= (0.5 / 64) + 1e-12, $"gain steps by {gains[i] - gains[i - 1]} at {i}");
        }
    }
}
