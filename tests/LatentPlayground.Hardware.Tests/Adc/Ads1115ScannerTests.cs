using LatentPlayground.Hardware.Adc;
using LatentPlayground.Hardware.Simulation;

namespace LatentPlayground.Hardware.Tests.Adc;

public sealed class Ads1115ScannerTests
{
    [Fact]
    public void Scans_round_robin_one_step_per_poll_and_hands_each_result_out_once()
    {
        using var sim = new SimulatedAds1115 { PollsPerConversion = 1 };
        var scanner = new Ads1115Scanner(new Ads1115(sim), [0, 1, 2, 3], potSupplyVolts: 3.3);
        for (int i = 0; i < 4; i++)
        {
            sim.SetVoltage(i, 0.5 * (i + 1));
        }

        int results = 0;
        for (int poll = 0; poll < 9; poll++)
        {
            results += scanner.Poll() ? 1 : 0;
        }

        // Poll 1 starts AIN0; then each conversion takes a busy poll and a done poll.
        Assert.Equal(4, results);
        for (int i = 0; i < 4; i++)
        {
            Assert.True(scanner.Channel(i).TryRead(out int code));
            Assert.Equal(4000 * (i + 1), code);
            Assert.False(scanner.Channel(i).TryRead(out _));
        }

        Assert.Equal(26400, scanner.Channel(0).FullScaleCode); // 3.3 V / 125 µV
        Assert.Equal(5, sim.ConversionsStarted);            // AIN0 already started again
    }

    [Fact]
    public void Refuses_a_listed_twice_input()
    {
        using var sim = new SimulatedAds1115();
        Assert.Throws<ArgumentException>(() => new Ads1115Scanner(new Ads1115(sim), [0, 0], 3.3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Ads1115Scanner(new Ads1115(sim), [4], 3.3));
    }
}
