using System.Device.Gpio;
using LatentPlayground.Hardware.Leds;
using LatentPlayground.Hardware.Simulation;

namespace LatentPlayground.Hardware.Tests.Leds;

public sealed class LedTests : IDisposable
{
    private const int Pin = 23;
    private readonly SimulatedGpioDriver _driver = new();
    private readonly GpioController _controller;

    public LedTests()
    {
        _controller = new GpioController(_driver);
    }

    public void Dispose() => _controller.Dispose();

    [Fact]
    public void Opens_as_an_output_off_and_writes_only_on_a_change()
    {
        using var led = new Led(_controller, Pin);
        Assert.Equal(PinMode.Output, _driver.ModeOf(Pin));
        Assert.Equal(PinValue.Low, _driver.GetLevel(Pin));
        int writes = _driver.WriteCount(Pin);

        led.Set(true);
        led.Set(true);
        led.Set(true);
        Assert.Equal(PinValue.High, _driver.GetLevel(Pin));
        Assert.Equal(writes + 1, _driver.WriteCount(Pin));
        led.Set(false);
        Assert.Equal(writes + 2, _driver.WriteCount(Pin));
    }

    [Fact]
    public void Active_low_inverts_the_level_and_dispose_turns_off_and_closes()
    {
        var led = new Led(_controller, Pin, activeHigh: false);
        Assert.Equal(PinValue.High, _driver.GetLevel(Pin));
        led.Set(true);
        Assert.Equal(PinValue.Low, _driver.GetLevel(Pin));
        led.Dispose();
        Assert.False(_driver.IsOpen(Pin));
    }

    [Theory]
    [InlineData(0.0, true)]
    [InlineData(0.19, true)]
    [InlineData(0.2, false)]
    [InlineData(0.99, false)]
    [InlineData(7.05, true)]
    [InlineData(-0.9, true)]
    [InlineData(-0.5, false)]
    public void Tempo_blink_is_lit_for_the_first_fifth_of_each_beat(double beats, bool lit)
    {
        Assert.Equal(lit, TempoBlink.IsLit(beats));
    }

    [Fact]
    public void A_status_led_follows_the_beat_position_it_is_given()
    {
        using var led = new Led(_controller, Pin);
        var status = new StatusLed(led, new ManualTimeProvider());
        status.ShowTempo(0.25);
        var seen = new List<bool>();
        for (double beats = 0; beats < 2; beats += 0.125)
        {
            status.Update(beats);
            seen.Add(_driver.GetLevel(Pin) == PinValue.High);
        }

        Assert.Equal([true, true, false, false, false, false, false, false, true, true, false, false, false, false, false, false], seen);
        Assert.Equal(4, _driver.WriteCount(Pin) - 1); // on, off, on, off (plus the initial off)
    }

    [Fact]
    public void A_warning_pattern_overrides_for_its_repeats_then_the_led_goes_back()
    {
        using var led = new Led(_controller, Pin);
        var clock = new ManualTimeProvider();
        var status = new StatusLed(led, clock);
        status.Show(true);
        status.Warn(BlinkPattern.Warning, repeats: 2);
        var timeline = new List<bool>();
        for (int ms = 0; ms < 2100; ms += 20)
        {
            status.Update(0);
            timeline.Add(led.IsOn);
            clock.AdvanceMilliseconds(20);
        }

        // 80 on, 120 off, 80 on, 720 off: flashes start at 0, 200, 1000 and 1200 ms; steady on again from 2000 ms.
        int[] onsets = [.. Enumerable.Range(1, timeline.Count - 1).Where(i => timeline[i] && !timeline[i - 1]).Select(i => i * 20)];
        Assert.Equal([200, 1000, 1200, 2000], onsets);
        Assert.True(timeline[0]);
        Assert.False(status.IsWarning);
        Assert.True(led.IsOn);
    }

    [Fact]
    public void A_warning_without_repeats_lasts_until_cleared()
    {
        using var led = new Led(_controller, Pin);
        var clock = new ManualTimeProvider();
        var status = new StatusLed(led, clock);
        status.Warn(BlinkPattern.Fault);
        clock.AdvanceMilliseconds(60_000);
        status.Update(0);
        Assert.True(status.IsWarning);
        status.ClearWarning();
        status.Update(0);
        Assert.False(led.IsOn);
    }

    [Fact]
    public void Blink_patterns_are_lit_dark_pairs()
    {
        Assert.Throws<ArgumentException>(() => new BlinkPattern(TimeSpan.FromMilliseconds(10)));
        var p = new BlinkPattern(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(30));
        Assert.Equal(TimeSpan.FromMilliseconds(40), p.Period);
        Assert.True(p.IsLit(TimeSpan.FromMilliseconds(49)));
        Assert.False(p.IsLit(TimeSpan.FromMilliseconds(50)));
    }
}
