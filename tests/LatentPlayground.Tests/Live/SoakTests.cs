using System.Globalization;
using LatentPlayground.Audio.Live;
using Xunit.Abstractions;

namespace LatentPlayground.Tests.Live;

/// <summary>
/// The soak: the real model on both real-time threads through ALSA file PCMs for a long stretch of audio,
/// as fast as the machine keeps every hop in time (clock pace 8x with a 200 ms budget by default). After
/// the warm-up neither thread allocates a managed byte and the process collects no garbage; no hop is
/// late. 60 s of audio in the normal suite; LATENTPLAYGROUND_SOAK_SECONDS=3600 (and optionally
/// LATENTPLAYGROUND_SOAK_PACE) makes it the one-hour soak. The counters are printed either way.
/// </summary>
[Collection(LiveTestCollection.Name)]
public sealed class SoakTests(ITestOutputHelper output)
{
    [Fact]
    public void A_long_run_allocates_nothing_collects_nothing_and_keeps_every_hop_in_time()
    {
        double seconds = Setting("LATENTPLAYGROUND_SOAK_SECONDS", 60);
        double pace = Setting("LATENTPLAYGROUND_SOAK_PACE", 8);
        long frames = (long)(seconds * ModelLiveRig.Rate);

        // The riff over and over: real audio all the way, not silence after the file ends.
        using var rig = ModelLiveRig.Looped(ModelLiveRig.DemoClip(8), frames, 128, 9600, ModelLiveRig.Settings("basis=fractal", "speed=500"));
        var report = new List<string>();
        DateTime nextReport = DateTime.UtcNow;
        LiveDriver driver = rig.Run(ModelLiveRig.DriverSettings(LivePacing.Clock(pace), frames), TimeSpan.FromSeconds((seconds / pace * 2) + 60), c =>
        {
            if (DateTime.UtcNow >= nextReport)
            {
                report.Add(c.ToString());
                nextReport = DateTime.UtcNow.AddSeconds(Math.Max(5, seconds / pace / 12));
            }
        });
        LiveCounters counters = driver.ReadCounters();
        foreach (string line in report)
        {
            output.WriteLine(line);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"soak: {seconds} s of audio at {pace}x, period 128, budget 200 ms; {driver.AudioThread}; {driver.InferenceThread}"));
        output.WriteLine($"final: {counters}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"period time p50 {driver.PeriodTimes.Percentile(0.5):0} us, p99.9 {driver.PeriodTimes.Percentile(0.999):0} us; hop time p99.9 {driver.HopTimes.Percentile(0.999):0} us"));
        foreach (string w in rig.Warnings)
        {
            output.WriteLine($"warning: {w}");
        }

        Assert.True(counters.SteadyState);
        Assert.True(counters.Frames >= frames);
        Assert.Equal(0, counters.AudioAllocatedBytes);
        Assert.Equal(0, counters.InferenceAllocatedBytes);
        Assert.Equal(0, counters.GcCollections);
        Assert.True(counters.LateHops == 0 && counters.SkippedHops == 0, counters.ToString());
    }

    private static double Setting(string name, double fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 ? v : fallback;
}
