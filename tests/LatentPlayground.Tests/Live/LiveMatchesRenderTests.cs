using LatentPlayground.Audio.Live;

namespace LatentPlayground.Tests.Live;

/// <summary>
/// The defining test of the live path: the real default model on two real-time threads through real ALSA
/// (file PCMs), against <c>render</c> of the same input, sample for sample after the latency <c>run</c>
/// reports. Paced by the clock at twice real time with a 100 ms budget: the inference thread has 40 ms of
/// wall time per hop for a hop that takes about half a millisecond, so no hop is late, and the test says
/// so loudly if one ever is (the output would then hold faded dry audio, not the model's).
/// </summary>
[Collection(LiveTestCollection.Name)]
public sealed class LiveMatchesRenderTests
{
    [Theory]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(256)]
    public void Live_output_shifted_by_the_reported_latency_equals_render(int period)
    {
        const int budget = 4800;
        float[] input = ModelLiveRig.DemoClip(4);
        var settings = ModelLiveRig.Settings("drywet=70", "offset.1=1.5", "basis=fractal", "speed=600", "rate=16");
        using var rig = new ModelLiveRig(input, period, budget, settings);

        LiveDriver driver = rig.Run(ModelLiveRig.DriverSettings(LivePacing.Clock(2), input.Length), TimeSpan.FromSeconds(60));
        LiveCounters counters = driver.ReadCounters();
        float[] live = rig.ReadOutput();
        float[] rendered = rig.Render();

        Assert.True(counters.LateHops == 0 && counters.SkippedHops == 0, $"hops came back late, so the comparison would be meaningless: {counters}");
        Assert.Equal(rig.Engine.LatencySamples + (2 * period), rig.Latency);

        int compared = 0;
        double worst = 0;
        for (int t = 0; t + rig.Latency < input.Length; t++)
        {
            worst = Math.Max(worst, Math.Abs(live[t + rig.Latency] - rendered[t]));
            compared++;
        }

        Assert.True(compared > 3 * ModelLiveRig.Rate, $"only {compared} samples compared");
        Assert.True(worst <= 1e-6, $"live and render differ by up to {worst}");

        // Not trivially equal: the model made something of the riff.
        Assert.True(rendered.Max(Math.Abs) > 0.01);
    }
}
