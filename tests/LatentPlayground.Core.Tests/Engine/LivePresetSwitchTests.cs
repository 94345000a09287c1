using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Tempo;

namespace LatentPlayground.Core.Tests.Engine;

/// <summary>The live engine's switch: the same dip, on the inference thread's hop and the audio thread's clock.</summary>
public sealed class LivePresetSwitchTests
{
    [Theory]
    [InlineData(64, 1200, 3000)]
    [InlineData(256, 2000, 4321)]
    public void A_live_switch_is_as_smooth_as_the_offline_one(int period, int budget, int at)
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
}
