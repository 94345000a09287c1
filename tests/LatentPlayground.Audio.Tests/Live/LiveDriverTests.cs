using System.Diagnostics;
using LatentPlayground.Audio.Live;
using LatentPlayground.Audio.Tests.Alsa;
using LatentPlayground.Core.Engine;

namespace LatentPlayground.Audio.Tests.Live;

/// <summary>
/// The live driver over alsa-lib file PCMs: two real threads, a known codec, real ALSA. Alone in the
/// process: the threads pin themselves to cores 0 and 1 at SCHED_FIFO, as another live test would.
/// </summary>
[Collection(RunAloneCollection.Name)]
public sealed class LiveDriverTests
{
    private const int Rate = LiveRig.Rate;

    // Budgets leave the inference thread tens of milliseconds: this checks the driver's alignment, not how
    // small a budget a machine can take (a VM's scheduler can stall a SCHED_FIFO thread for milliseconds).
    [Theory]
    [InlineData(1, 64, 2, 2400)]
    [InlineData(2, 128, 2, 3000)]
    [InlineData(1, 256, 4, 3600)]
    public void The_playback_file_holds_the_wet_signal_exactly_the_reported_latency_after_the_capture(int channels, int period, int periods, int budget) =>
        AssertWetAtReportedLatency(new HalfGainCodec(), channels, period, periods, budget);

    // The shapes imported RAVE models bring: the driver's alignment holds whatever the hop, rate and latent size.
    [Theory]
    [InlineData(512, 44100, 128, 2, 128, 3000)]
    [InlineData(4096, 44100, 4, 1, 256, 3600)]
    [InlineData(4096, 48000, 1, 1, 128, 3000)]
    public void At_imported_model_shapes_the_wet_signal_is_exactly_the_reported_latency_late(int hop, int sampleRate, int latentSize, int channels, int period, int budget) =>
        AssertWetAtReportedLatency(new HalfGainCodec(hop, sampleRate, latentSize), channels, period, 2, budget);

    private static void AssertWetAtReportedLatency(HalfGainCodec codec, int channels, int period, int periods, int budget)
    {
        int rate = codec.SampleRate;
        int frames = rate * 2;
        float[] input = LiveRig.Noise(frames * channels, seed: period);
        using var rig = new LiveRig(input, channels, period, periods, budget, codec);

        LiveCounters counters = rig.RunToEnd(LiveRig.Settings(LivePacing.Clock(2), frames), TimeSpan.FromSeconds(30));
        float[] output = rig.ReadOutput();

        // Clock overruns (counted as xruns) re-anchor the pace but never touch the data; a late hop would.
        Assert.True(counters.LateHops == 0, $"hops came back late, so the output holds faded dry audio: {counters}");
        Assert.Equal(rig.Engine.LatencySamples + (periods * period), rig.Latency);
        int checkedFrames = 0;
        for (int t = 0; t + rig.Latency < frames; t++)
        {
            float mono = 0;
            for (int c = 0; c < channels; c++)
            {
                mono += input[(t * channels) + c];
            }

            mono = channels == 1 ? mono : mono * 0.5f;
            for (int c = 0; c < channels; c++)
            {
                Assert.Equal(0.5f * mono, output[((t + rig.Latency) * channels) + c]);
            }

            checkedFrames++;
        }

        Assert.True(checkedFrames > rate);
    }

    [Fact]
    public void Clock_pacing_runs_at_the_asked_speed_and_stops_after_the_asked_frames()
    {
        int frames = Rate / 2;
        using var rig = new LiveRig(new float[Rate * 2], 1, 128, 2, 1200);

        var watch = Stopwatch.StartNew();
        LiveCounters counters = rig.RunToEnd(LiveRig.Settings(LivePacing.Clock(1), frames), TimeSpan.FromSeconds(30));
        watch.Stop();

        // Half a second of audio at real time, plus the 10 ms fade-out; thread start and the drain on top.
        Assert.InRange(watch.Elapsed.TotalSeconds, 0.5, 1.5);

        // Whole periods: up to the first period boundary at or past the end, then the fade's 480 frames.
        Assert.Equal((188 * 128) + (4 * 128), counters.Frames);
        Assert.Equal(128 * 1e6 / Rate, counters.PeriodMicroseconds, 6);
    }

    [Fact]
    public void Stopping_fades_to_silence_then_drains_the_playback()
    {
        float[] input = Enumerable.Range(0, Rate * 4).Select(t => (float)(0.6 * Math.Sin(2 * Math.PI * 220 * t / Rate))).ToArray();
        using var rig = new LiveRig(input, 1, 128, 2, 1200);
        LiveDriver driver = rig.Start(LiveRig.Settings(LivePacing.Clock(2), null));
        Thread.Sleep(600);
        driver.Stop();
        LiveCounters counters = driver.ReadCounters();
        float[] output = rig.ReadOutput();

        Assert.False(driver.AudioRunning);
        Assert.False(driver.InferenceRunning);

        // Everything the audio thread wrote reached the file: the prefill plus every period.
        Assert.Equal((2 * 128) + counters.Frames, output.Length);

        // The last period ends in silence, and the fade is no steeper than the tone itself.
        Assert.Equal(0f, output[^1]);
        double toneStep = 0.6 * 2 * Math.PI * 220 / Rate;
        for (int i = output.Length - 2000; i < output.Length; i++)
        {
            Assert.True(Math.Abs(output[i] - output[i - 1]) <= 1.05 * toneStep * 0.5, $"step {output[i] - output[i - 1]} at {i}");
        }
    }

    [Fact]
    public void Unpaced_over_a_file_every_hop_is_late_yet_the_stream_keeps_running_and_stays_finite()
    {
        int frames = Rate * 3;
        float[] input = LiveRig.Noise(frames, seed: 4);
        using var rig = new LiveRig(input, 1, 128, 2, 1200);

        // Normal scheduling: an unpaced SCHED_FIFO loop would hold its core at 100 %.
        LiveCounters counters = rig.RunToEnd(LiveRig.Settings(LivePacing.Unpaced, frames, fifo: false), TimeSpan.FromSeconds(60));
        float[] output = rig.ReadOutput();

        Assert.True(counters.Frames >= frames);
        Assert.True(counters.LateHops > 0, "an unpaced file PCM runs far faster than the model: hops must be late");
        Assert.All(output, x => Assert.True(float.IsFinite(x) && Math.Abs(x) <= 1f));
        Assert.Equal(0, counters.PeriodMicroseconds);
    }

    [Fact]
    public void Counters_and_thread_reports_are_published()
    {
        int frames = Rate * 2;
        using var rig = new LiveRig(LiveRig.Noise(frames, seed: 8), 1, 128, 2, 2400);
        var warnings = new List<string>();
        LiveDriver driver = rig.Start(LiveRig.Settings(LivePacing.Clock(2), frames), warnings);
        while (driver.AudioRunning)
        {
            Thread.Sleep(20);
        }

        driver.Stop();
        LiveCounters c = driver.ReadCounters();

        Assert.Equal("lp-audio", driver.AudioThread.ThreadName);
        Assert.Equal("lp-inference", driver.InferenceThread.ThreadName);
        Assert.Equal(driver.AudioThread.PriorityApplied && driver.AudioThread.CoreApplied && driver.InferenceThread.PriorityApplied && driver.InferenceThread.CoreApplied ? 0 : 2, warnings.Count);
        Assert.True(c.SteadyState);
        Assert.Equal(c.Frames / 128, c.Periods);

        // Every hop the audio completed was run (the last one or two may have been left at the stop).
        Assert.InRange(c.Hops, (c.Frames / 512) - 2, c.Frames / 512);
        Assert.True(c.WorstHopMicroseconds > 0 && c.P99HopMicroseconds <= c.WorstHopMicroseconds);
        Assert.True(c.WorstPeriodMicroseconds > 0 && c.P99PeriodMicroseconds <= c.WorstPeriodMicroseconds);
        Assert.InRange(c.AudioLoad, 0, 1);
        Assert.Contains("late hops 0", c.ToString(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromTicks((long)(128 * 1e9 / Rate / 2 / 4) / 100), driver.InferencePollInterval);
    }

    [Fact]
    public void A_stream_that_does_not_match_the_engine_is_refused()
    {
        using var rig = new LiveRig(new float[1024], 1, 128, 2, 1200);
        var stereoEngine = new LiveEngine(new HalfGainCodec(), 2, 128, 1200);

        var e = Assert.Throws<ArgumentException>(() => LiveDriver.Start(stereoEngine, rig.Stream, 512, LiveRig.Settings(LivePacing.Device, 1)));
        Assert.Contains("48000 Hz x 1 ch but the engine was built for 48000 Hz x 2 ch", e.Message, StringComparison.Ordinal);
    }
}
