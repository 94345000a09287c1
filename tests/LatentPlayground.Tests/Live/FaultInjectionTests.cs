using LatentPlayground.Audio.Live;

namespace LatentPlayground.Tests.Live;

/// <summary>
/// The real model, made to stall past its budget at random (seeded) hops, on the real threads at real
/// time: the engine keeps running, counts the late hops, fades to the aligned dry signal and back without
/// a click, and afterwards plays exactly what render plays. The budget is 60 ms rather than the default 30,
/// so that only the injected stalls make hops late, not a virtual machine's scheduler (it can hold a
/// SCHED_FIFO thread for 10 ms), and the recovery check stays deterministic.
/// </summary>
[Collection(LiveTestCollection.Name)]
public sealed class FaultInjectionTests
{
    [Fact]
    public void Stalls_past_the_budget_are_counted_faded_over_without_a_jump_and_recovered_from()
    {
        const int period = 128;
        const int budget = 2880;
        float[] input = ModelLiveRig.DemoClip(7);
        var settings = ModelLiveRig.Settings();
        CodecFaults? faults = null;

        // 60..150 ms stalls: past the 40 ms a hop has, short of the 8-hop ring (340 ms), so hops come back late, never lost.
        using var rig = new ModelLiveRig(input, period, budget, settings, model =>
            faults = new CodecFaults(model, seed: 5, probability: 0.1, firstHop: 20, TimeSpan.FromMilliseconds(60), TimeSpan.FromMilliseconds(150)));
        faults!.Armed = true;
        int lastFaultHop = (int)(4.5 * ModelLiveRig.Rate / 2048);
        var watched = new List<LiveCounters>();
        LiveDriver driver = rig.Run(ModelLiveRig.DriverSettings(LivePacing.Clock(1), input.Length), TimeSpan.FromSeconds(60), c =>
        {
            // Stop stalling after 4.5 s, so the last seconds show the recovery.
            faults.Armed = c.Hops < lastFaultHop;
            watched.Add(c);
        });
        faults.Armed = false;
        LiveCounters counters = driver.ReadCounters();
        float[] output = rig.ReadOutput()[..input.Length];
        float[] wetAlone = rig.Render();

        Assert.True(faults.Stalled.Count >= 3, $"only {faults.Stalled.Count} stalls were injected");
        Assert.True(counters.LateHops >= 3, $"the stalls did not make hops late: {counters}");
        Assert.Equal(0, counters.SkippedHops);

        // No click: the output's largest step is no larger than the dry's or the wet's own (aligned or not,
        // a step is a step). Half a percent allows a fade landing on both signals' steepest slope.
        double limit = 1.005 * Math.Max(MaxStep(input), MaxStep(wetAlone));
        Assert.True(MaxStep(output) <= limit, $"the output jumps by {MaxStep(output)}; the dry and the wet alone by at most {limit}");

        // Recovered: the last 1.5 s are render's output again, sample for sample, at the reported latency.
        int latency = rig.Latency;
        for (int t = input.Length - (3 * ModelLiveRig.Rate / 2); t < input.Length; t++)
        {
            Assert.True(Math.Abs(output[t] - wetAlone[t - latency]) <= 1e-6, $"not recovered at {t}: {output[t]} vs {wetAlone[t - latency]}");
        }
    }

    private static double MaxStep(ReadOnlySpan<float> x)
    {
        double m = 0;
        for (int i = 1; i < x.Length; i++)
        {
            m = Math.Max(m, Math.Abs(x[i] - x[i - 1]));
        }

        return m;
    }
}
