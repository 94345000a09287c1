using LatentPlayground.Hardware.Switches;

namespace LatentPlayground.Hardware.Tests.Switches;

public sealed class PressGesturesTests
{
    [Fact]
    public void Long_press_off_never_fires_and_a_long_hold_is_a_single_press()
    {
        var events = new List<(SwitchEventKind, long)>();
        var g = new PressGestures(-1, 0, (k, t) => events.Add((k, t)));
        g.Press(0);
        g.Advance(10_000);
        g.Release(10_000);
        Assert.Equal([(SwitchEventKind.Pressed, 0L), (SwitchEventKind.Released, 10_000L), (SwitchEventKind.SinglePress, 10_000L)], events);
    }

    [Fact]
    public void A_late_poll_still_stamps_the_long_press_and_the_single_press_at_their_due_time()
    {
        var events = new List<(SwitchEventKind, long)>();
        var g = new PressGestures(600, 300, (k, t) => events.Add((k, t)));
        g.Press(100);
        g.Advance(5000);
        Assert.Equal((SwitchEventKind.LongPress, 700L), events[^1]);
        g.Release(6000);
        g.Press(7000);
        g.Release(7100);
        g.Advance(9000);
        Assert.Equal((SwitchEventKind.SinglePress, 7400L), events[^1]);
    }

    [Fact]
    public void Debouncer_reports_when_the_level_became_stable()
    {
        var d = new Debouncer(15, level: false);
        Assert.False(d.Observe(true, 100, out _));
        Assert.False(d.Observe(false, 103, out _));  // bounce
        Assert.False(d.Observe(true, 105, out _));
        Assert.False(d.Observe(true, 119, out _));
        Assert.True(d.Observe(true, 400, out long at));
        Assert.Equal(120, at);
        Assert.True(d.Level);
    }
}
