using System.Device.Gpio;
using LatentPlayground.Hardware.Switches;

namespace LatentPlayground.Hardware.Tests.Switches;

public sealed class MomentarySwitchTests
{
    private static readonly SwitchOptions NoDouble = SwitchOptions.Default with { DoublePressWindow = TimeSpan.Zero };

    [Fact]
    public void Opens_its_pin_as_input_with_pull_up_and_reads_released()
    {
        using var s = new SwitchScript();
        Assert.Equal(PinMode.InputPullUp, s.Driver.ModeOf(SwitchScript.Pin));
        Assert.False(s.Switch.IsPressed);
    }

    [Fact]
    public void A_bouncing_press_and_release_give_one_press_one_release_debounced_15_ms_after_the_last_bounce()
    {
        using var s = new SwitchScript(NoDouble);
        s.Press();                 // bounces over ms 1-5, closed for good from ms 5
        s.Wait(100);
        s.Release();               // bounces from ms 106, open for good from ms 108
        s.Wait(50);

        Assert.Equal(["20:Pressed", "123:Released", "123:SinglePress"], s.Events);
    }

    [Fact]
    public void A_spike_shorter_than_the_debounce_time_is_ignored()
    {
        using var s = new SwitchScript();
        s.Driver.Press(SwitchScript.Pin);
        s.Wait(10);
        s.Driver.Release(SwitchScript.Pin);
        s.Wait(1000);
        Assert.Empty(s.Events);
    }

    [Fact]
    public void Long_press_fires_at_600_ms_while_held_and_no_single_press_follows()
    {
        using var s = new SwitchScript();
        s.Press(bounce: false);    // seen by the poll at 1 ms, stable at 16 ms
        s.Wait(615);
        Assert.Equal(["16:Pressed"], s.Events);   // 599 ms held: not yet
        s.Wait(1);
        Assert.Equal(["16:Pressed", "616:LongPress"], s.Events);
        s.Wait(1000);
        s.Release(bounce: false);
        s.Wait(1000);
        Assert.Equal(["16:Pressed", "616:LongPress", "1632:Released"], s.Events);
    }

    [Fact]
    public void Double_press_fires_at_the_second_press_and_never_two_single_presses()
    {
        using var s = new SwitchScript();
        s.Press(bounce: false);
        s.Wait(80);
        s.Release(bounce: false);
        s.Wait(120);
        s.Press(bounce: false);
        s.Wait(80);
        s.Release(bounce: false);
        s.Wait(1000);

        Assert.Equal(["16:Pressed", "96:Released", "216:Pressed", "216:DoublePress", "296:Released"], s.Events);
    }

    [Fact]
    public void A_held_second_press_of_a_double_is_not_also_a_long_press()
    {
        using var s = new SwitchScript();
        s.Press(bounce: false);
        s.Wait(50);
        s.Release(bounce: false);
        s.Wait(50);
        s.Press(bounce: false);
        s.Wait(2000);
        Assert.DoesNotContain(s.Events, e => e.EndsWith(":LongPress", StringComparison.Ordinal));
    }

    [Fact]
    public void A_single_press_waits_out_the_300_ms_double_press_window()
    {
        using var s = new SwitchScript();
        s.Press(bounce: false);
        s.Wait(80);
        s.Release(bounce: false);  // stable at 96 ms
        s.Wait(315);
        Assert.Equal(["16:Pressed", "96:Released"], s.Events);
        s.Wait(1);
        Assert.Equal(["16:Pressed", "96:Released", "396:SinglePress"], s.Events);
    }

    [Fact]
    public void A_second_press_after_the_window_is_two_single_presses()
    {
        using var s = new SwitchScript();
        s.Press(bounce: false);
        s.Wait(50);
        s.Release(bounce: false);
        s.Wait(400);
        s.Press(bounce: false);
        s.Wait(50);
        s.Release(bounce: false);
        s.Wait(400);
        Assert.Equal(2, s.Events.Count(e => e.EndsWith(":SinglePress", StringComparison.Ordinal)));
        Assert.DoesNotContain(s.Events, e => e.EndsWith(":DoublePress", StringComparison.Ordinal));
    }

    [Fact]
    public void Edge_callbacks_give_the_same_events_as_polling_even_when_polled_rarely()
    {
        var options = SwitchOptions.Default with { Sampling = InputSampling.EdgeCallbacks };
        using var s = new SwitchScript(options);
        Assert.Equal(1, s.Driver.CallbackCount(SwitchScript.Pin));

        // Press and release between two polls 200 ms apart: polling would miss it, edges do not.
        s.Clock.AdvanceMilliseconds(10);
        s.Driver.Press(SwitchScript.Pin);
        s.Clock.AdvanceMilliseconds(60);
        s.Driver.Release(SwitchScript.Pin);
        s.Clock.AdvanceMilliseconds(130);
        s.Switch.Poll();
        Assert.Equal(["25:Pressed", "85:Released"], s.Events);
        s.Clock.AdvanceMilliseconds(400);
        s.Switch.Poll();
        Assert.Equal(["25:Pressed", "85:Released", "385:SinglePress"], s.Events);

        s.Switch.Dispose();
        Assert.False(s.Driver.IsOpen(SwitchScript.Pin));
    }

    [Fact]
    public void Active_high_wiring_uses_a_pull_down()
    {
        using var s = new SwitchScript(SwitchOptions.Default with { ActiveLow = false, DoublePressWindow = TimeSpan.Zero });
        Assert.Equal(PinMode.InputPullDown, s.Driver.ModeOf(SwitchScript.Pin));
        s.Driver.Drive(SwitchScript.Pin, PinValue.High);
        s.Wait(20);
        Assert.True(s.Switch.IsPressed);
    }

    [Fact]
    public void Options_are_checked()
    {
        Assert.Throws<ArgumentException>(() => (SwitchOptions.Default with { LongPress = TimeSpan.FromMilliseconds(5) }).Validate());
        Assert.Throws<ArgumentException>(() => (SwitchOptions.Default with { DoublePressWindow = TimeSpan.FromMilliseconds(-1) }).Validate());
    }
}
