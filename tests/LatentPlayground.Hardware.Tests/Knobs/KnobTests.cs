using LatentPlayground.Hardware.Adc;
using LatentPlayground.Hardware.Knobs;
using LatentPlayground.Hardware.Simulation;

namespace LatentPlayground.Hardware.Tests.Knobs;

public sealed class KnobTests
{
    [Fact]
    public void A_knob_on_a_simulated_mcp3008_follows_the_wiper_and_ignores_resting_noise()
    {
        using var sim = new SimulatedMcp3008 { VrefVolts = 3.3 };
        var knob = new Knob(new Mcp3008Channel(new Mcp3008(sim), 2));
        sim.SetVoltage(2, 1.0);
        Assert.False(knob.Poll());
        var random = new Random(3);
        int changes = 0;
        for (int i = 0; i < 2000; i++)
        {
            sim.SetVoltage(2, 1.0 + (random.Next(-3, 4) * 3.3 / 1024));
            changes += knob.Poll() ? 1 : 0;
        }

        Assert.Equal(0, changes);
        for (int i = 0; i < 200; i++)
        {
            sim.SetVoltage(2, 2.5);
            changes += knob.Poll() ? 1 : 0;
        }

        Assert.True(changes > 0);
        Assert.InRange(knob.Value, ((775.0 / 1023) - 0.015 - 0.005) / 0.97, ((775.0 / 1023) - 0.015) / 0.97);
        Assert.Equal(775, knob.LastCode);
    }

    [Fact]
    public void A_knob_on_a_scanned_ads1115_reads_only_fresh_conversions()
    {
        using var sim = new SimulatedAds1115 { PollsPerConversion = 0 };
        var scanner = new Ads1115Scanner(new Ads1115(sim), [0, 1], potSupplyVolts: 3.3);
        var knob = new Knob(scanner.Channel(1));
        sim.SetVoltage(1, 3.3);
        for (int i = 0; i < 200; i++)
        {
            scanner.Poll();
            knob.Poll();
        }

        Assert.Equal(1.0, knob.Value);
        Assert.Equal(26400, knob.LastCode);
    }

    [Fact]
    public void Nothing_happens_while_the_channel_has_no_new_conversion()
    {
        var channel = new FakeChannel(1023) { Code = 100 };
        var knob = new Knob(channel);
        knob.Poll();
        channel.Ready = false;
        channel.Code = 900;
        for (int i = 0; i < 100; i++)
        {
            Assert.False(knob.Poll());
        }

        Assert.Equal(100, knob.LastCode);
    }

    [Fact]
    public void Recall_arms_soft_takeover_on_the_knob()
    {
        var channel = new FakeChannel(1023) { Code = 100 };
        var knob = new Knob(channel);
        knob.Poll();
        knob.Recall(0.5);
        channel.Code = 400;
        for (int i = 0; i < 100; i++)
        {
            Assert.False(knob.Poll());
        }

        Assert.True(knob.TakeoverPending);
        Assert.Equal(0.5, knob.Value);
        Assert.InRange(knob.Position, 0.37, 0.39);
    }
}
