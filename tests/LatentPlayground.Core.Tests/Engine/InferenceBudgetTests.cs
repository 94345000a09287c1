using LatentPlayground.Core.Engine;

namespace LatentPlayground.Core.Tests.Engine;

/// <summary>The measured budget's arithmetic: the margin, the poll, whole periods, and the period a whole-period hop gets free.</summary>
public sealed class InferenceBudgetTests
{
    [Theory]
    // The bundled model on a desktop core: 0.4 ms x 1.5 + 2 ms + 0.67 ms poll = 3.27 ms: two periods, one of them free.
    [InlineData(400, 667, 2048, 128, 48000, 128)]
    // A hop that needs no time still needs the 2 ms and the poll: just over one 128-frame period.
    [InlineData(0, 667, 2048, 128, 48000, 128)]
    // At 256 frames one period (5.3 ms) holds it: a budget of 0.
    [InlineData(400, 1333, 2048, 256, 48000, 0)]
    // A slow model (6 ms a hop at 44.1 kHz): 9 + 2 + 0.73 = 11.7 ms = 5 periods of 2.9 ms, 4 of them in the budget.
    [InlineData(6000, 726, 4096, 128, 44100, 512)]
    // A hop that is not a whole number of periods gets no free period.
    [InlineData(400, 500, 2048, 96, 48000, 192)]
    public void The_budget_is_the_need_in_whole_periods_less_the_free_one(double worst, double poll, int hop, int period, int rate, int expected)
    {
        Assert.Equal(expected, InferenceBudget.Samples(worst, poll, hop, period, rate));
        double need = InferenceBudget.NeededMicroseconds(worst, poll);
        Assert.Equal((worst * 1.5) + 2000 + poll, need, 9);
        Assert.True(InferenceBudget.HopTimeMicroseconds(expected, hop, period, rate) >= need, "the budget leaves the hop less than it needs");
    }

    [Fact]
    public void At_a_faster_pace_the_same_need_takes_more_periods()
    {
        Assert.Equal(128, InferenceBudget.Samples(400, 667 / 4.0, 2048, 128, 48000, speed: 1));
        Assert.Equal(512, InferenceBudget.Samples(400, 667 / 4.0, 2048, 128, 48000, speed: 4));
    }

    [Fact]
    public void Warm_up_hops_are_timed_on_the_real_codec_which_is_reset_afterwards()
    {
        var codec = new IdentityCodec(512, 100);
        HopTimes t = InferenceBudget.Measure(codec, 16);
        Assert.Equal(16, t.Count);
        Assert.True(t.WorstMicroseconds >= t.CountedMicroseconds && t.CountedMicroseconds >= t.MedianMicroseconds && t.MedianMicroseconds > 0, t.ToString());
        Assert.Equal(InferenceBudget.UntimedHops + 16, codec.Encodes);

        // Reset: the identity model's delay line holds zeros again, so the next decode is silent.
        var latent = new float[8];
        var audio = new float[512];
        codec.Encode(new float[512], latent);
        codec.Decode(latent, audio);
        Assert.All(audio, x => Assert.Equal(0f, x));
    }
}
