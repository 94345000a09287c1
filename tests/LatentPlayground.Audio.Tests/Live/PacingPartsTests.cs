using LatentPlayground.Audio.Live;

namespace LatentPlayground.Audio.Tests.Live;

/// <summary>The period clock, the time histogram and the latency arithmetic on their own.</summary>
public sealed class PacingPartsTests
{
    // Periods of several milliseconds: these run on an ordinary test thread, which a loaded machine may
    // hold back for a millisecond or two; the logic is the same at any period.
    [Fact]
    public void The_period_clock_waits_for_each_due_time_without_drifting()
    {
        var clock = new PeriodClock(5_000_000, bufferPeriods: 20);
        long start = MonotonicClock.NowNanoseconds();
        clock.Start();
        for (int i = 0; i < 40; i++)
        {
            clock.WaitForNextPeriod();
        }

        double elapsedMs = (MonotonicClock.NowNanoseconds() - start) / 1e6;
        Assert.InRange(elapsedMs, 200, 300);
        Assert.Equal(0, clock.Overruns);
    }

    [Fact]
    public void A_loop_more_than_a_buffer_behind_counts_an_overrun_and_does_not_race_to_catch_up()
    {
        var clock = new PeriodClock(10_000_000, bufferPeriods: 2);
        clock.Start();
        clock.WaitForNextPeriod();
        Thread.Sleep(300);
        long late = MonotonicClock.NowNanoseconds();
        clock.WaitForNextPeriod();
        Assert.Equal(1, clock.Overruns);

        // Re-anchored at the late call: the next three periods are due one, two and three periods after
        // it, not all at once (some 30 periods were missed), so three more waits take at least 30 ms.
        for (int i = 0; i < 3; i++)
        {
            clock.WaitForNextPeriod();
        }

        Assert.True(MonotonicClock.NowNanoseconds() - late >= 30_000_000);
    }

    [Fact]
    public void Histogram_percentiles_are_bucket_upper_edges_capped_at_the_worst()
    {
        var h = new TimeHistogram(10, 1000);
        for (int i = 1; i <= 100; i++)
        {
            h.Record(i * 3.0);
        }

        h.Record(5000);
        Assert.Equal(101, h.Count);
        Assert.Equal(5000, h.WorstMicroseconds);
        Assert.Equal(160, h.Percentile(0.5));
        Assert.Equal(310, h.Percentile(0.99));
        Assert.Equal(5000, h.Percentile(1));
        Assert.Equal(0, new TimeHistogram(1, 10).Percentile(0.99));
    }

    [Theory]
    [InlineData(64, 4048, 84.333)]
    [InlineData(128, 4176, 87.0)]
    [InlineData(256, 4432, 92.333)]
    public void Wet_latency_adds_hop_budget_model_limiter_and_the_stream_buffer(int period, int total, double ms)
    {
        var latency = WetLatency.From(engineLatency: 2048 + 1440 + 368 + 64, wetDelay: 2048 + 1440, budget: 1440, modelLatency: 368, periods: 2, periodFrames: period, sampleRate: 48000);

        Assert.Equal(64, latency.Limiter);
        Assert.Equal(total, latency.TotalSamples);
        Assert.Equal(ms, latency.TotalMilliseconds, 3);
        Assert.StartsWith($"{total} samples (", latency.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pacing_describes_itself_and_refuses_a_speed_that_is_not_positive()
    {
        Assert.Equal("paced by the device", LivePacing.Device.ToString());
        Assert.Equal("paced by the monotonic clock at 8x real time", LivePacing.Clock(8).ToString());
        Assert.Equal(128 * 1e9 / 48000 / 8, LivePacing.Clock(8).PeriodNanoseconds(128, 48000), 6);
        Assert.Equal(0, LivePacing.Unpaced.PeriodNanoseconds(128, 48000));
        Assert.Throws<ArgumentOutOfRangeException>(() => LivePacing.Clock(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => LivePacing.Clock(double.NaN));
    }
}
