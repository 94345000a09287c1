using LatentPlayground.Core.Engine;

namespace LatentPlayground.Core.Tests.Engine;

/// <summary>
/// The live engine with the short budgets a measurement gives (0 to a few periods, far less than a fade):
/// the output is still render's, the latency is exactly hop + budget + model + limiter, a late hop still fades to
/// dry and back without a jump (its missing audio concealed by reflection under the fade), and a preset switch
/// still dips across its hop.
/// </summary>
public sealed class ShortBudgetTests
{
    [Theory]
    [InlineData(128, 0)]
    [InlineData(128, 128)]
    [InlineData(64, 192)]
    public void With_a_budget_shorter_than_a_fade_live_still_equals_render_at_the_reported_latency(int period, int budget)
    {
        string[] settings = ["drywet=70", "offset.1=2", "basis=fractal", "speed=700", "rate=16"];
        float[] input = Noise(2 * 30000, 3);
        float[] offline = EngineHarness.Run(EngineHarness.Create(new ToneCodec(512), 2, settings), input, 333);
        LiveEngine live = LiveHarness.Create(new ToneCodec(512), 2, period, budget, settings);
        float[] output = LiveHarness.Run(live, input, period);

        Assert.Equal(512 + budget + 64, live.LatencySamples);
        for (int t = 0; t + budget < 30000; t++)
        {
            Assert.Equal(offline[2 * t], output[2 * (t + budget)]);
            Assert.Equal(offline[(2 * t) + 1], output[(2 * (t + budget)) + 1]);
        }

        Assert.Equal(0, live.LateHops);
    }

    [Theory]
    [InlineData(128, 0)]
    [InlineData(128, 256)]
    public void A_late_hop_with_a_short_budget_is_concealed_under_the_fade_without_a_jump(int period, int budget)
    {
        string[] settings = ["offset.1=2.5", "offset.2=1", "mod=off", "encode=off"];
        float[] input = [.. Enumerable.Range(0, 96000).Select(t => (float)(0.5 * Math.Sin(2 * Math.PI * 110 * t / 48000.0)))];
        LiveEngine live = LiveHarness.Create(new ToneCodec(512), 1, period, budget, settings);

        // The inference side stalls for random stretches of 1 to 20 periods: even one period is late here.
        var rng = new Random(11);
        int stalledUntil = -1;
        float[] output = LiveHarness.Run(live, input, period, k =>
        {
            if (k > stalledUntil && k < 600 && rng.NextDouble() < 0.03)
            {
                stalledUntil = k + rng.Next(1, 20);
            }

            return k <= stalledUntil;
        });

        Assert.True(live.LateHops > 3, $"only {live.LateHops} late events: the stalls did not bite");
        float[] wetAlone = LiveHarness.Run(LiveHarness.Create(new ToneCodec(512), 1, period, budget, settings), input, period);
        double limit = 1.005 * Math.Max(EngineHarness.MaxStep(input), EngineHarness.MaxStep(wetAlone));
        Assert.True(EngineHarness.MaxStep(output) <= limit, $"output jumps by {EngineHarness.MaxStep(output)}, dry and wet alone by at most {limit}");
        Assert.Equal(wetAlone[^2000..], output[^2000..]);
    }

    [Theory]
    [InlineData(64, 0, 3000)]
    [InlineData(128, 128, 4321)]
    public void A_preset_switch_with_a_short_budget_still_dips_across_its_hop(int period, int budget, int at)
    {
        const int hop = 512;
        var engine = new LiveEngine(new StepCodec(hop), 1, period, budget);
        engine.PostSwitch(PresetSwitchTests.Values("offset.1=1"));
        engine.ApplyPendingImmediately();
        int total = 40 * hop;
        var input = new float[period];
        var output = new float[total];
        bool posted = false;
        for (int f = 0; f + period <= total; f += period)
        {
            if (!posted && f >= at)
            {
                engine.PostSwitch(PresetSwitchTests.Values("offset.1=-1"));
                posted = true;
            }

            engine.ProcessPeriod(input, output.AsSpan(f, period), period);
            while (engine.TryProcessHop())
            {
            }
        }

        int settled = engine.LatencySamples + period;
        Assert.Equal(1 / 3f, output[settled], 4);
        Assert.Equal(-1 / 3f, output[total - period - 1], 4);
        double worst = 0;
        for (int i = settled; i < total - period; i++)
        {
            worst = Math.Max(worst, Math.Abs(output[i] - output[i - 1]));
        }

        Assert.True(worst < 1.5 / 960 * (1 / 3.0) * 1.05, $"largest step {worst}");
        Assert.Equal(0, engine.LateHops);
    }

    private static float[] Noise(int length, int seed)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => (float)((rng.NextDouble() - 0.5) * 0.8))];
    }
}
