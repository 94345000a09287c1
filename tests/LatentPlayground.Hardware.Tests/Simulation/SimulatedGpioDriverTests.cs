using System.Device.Gpio;
using LatentPlayground.Hardware.Simulation;

namespace LatentPlayground.Hardware.Tests.Simulation;

public sealed class SimulatedGpioDriverTests : IDisposable
{
    private readonly SimulatedGpioDriver _driver = new();
    private readonly GpioController _controller;

    public SimulatedGpioDriverTests()
    {
        _controller = new GpioController(_driver);
    }

    public void Dispose() => _controller.Dispose();

    [Fact]
    public void The_real_controller_runs_over_it_with_pull_resistors_and_driven_levels()
    {
        Assert.Equal(28, _controller.PinCount);
        _controller.OpenPin(5, PinMode.InputPullUp);
        _controller.OpenPin(6, PinMode.InputPullDown);
        _controller.OpenPin(7, PinMode.Input);
        Assert.Equal((PinValue.High, PinValue.Low, PinValue.Low), (_controller.Read(5), _controller.Read(6), _controller.Read(7)));
        _driver.Press(5);
        _driver.Drive(6, PinValue.High);
        Assert.Equal((PinValue.Low, PinValue.High), (_controller.Read(5), _controller.Read(6)));
        _driver.Release(5);
        Assert.Equal(PinValue.High, _controller.Read(5));
    }

    [Fact]
    public void The_controller_s_own_checks_still_apply()
    {
        Assert.Throws<InvalidOperationException>(() => _controller.Read(9));          // not open
        _controller.OpenPin(9, PinMode.Input);
        _controller.Write(9, PinValue.High);   // System.Device.Gpio 4.2 passes a write on only to an output
        Assert.Equal(0, _driver.WriteCount(9));
        Assert.Equal(PinValue.Low, _controller.Read(9));
        Assert.ThrowsAny<Exception>(() => _controller.OpenPin(40));                  // no such line
    }

    [Fact]
    public void Edges_reach_callbacks_of_the_matching_type_only()
    {
        _controller.OpenPin(5, PinMode.InputPullUp);
        var seen = new List<PinEventTypes>();
        void Handler(object sender, PinValueChangedEventArgs e) => seen.Add(e.ChangeType);
        _controller.RegisterCallbackForPinValueChangedEvent(5, PinEventTypes.Falling, Handler);

        _driver.Press(5);
        _driver.Press(5);     // no change, no edge
        _driver.Release(5);   // rising: not registered
        _driver.Press(5);
        Assert.Equal([PinEventTypes.Falling, PinEventTypes.Falling], seen);

        _controller.UnregisterCallbackForPinValueChangedEvent(5, Handler);
        _driver.Release(5);
        _driver.Press(5);
        Assert.Equal(2, seen.Count);
    }

    [Fact]
    public void Wait_for_event_returns_the_edge_or_times_out()
    {
        _controller.OpenPin(5, PinMode.InputPullUp);
        using var presser = Task.Run(async () =>
        {
            await Task.Delay(50);
            _driver.Press(5);
        });
        WaitForEventResult r = _controller.WaitForEvent(5, PinEventTypes.Falling, TimeSpan.FromSeconds(10));
        Assert.False(r.TimedOut);
        Assert.Equal(PinEventTypes.Falling, r.EventTypes);

        WaitForEventResult none = _controller.WaitForEvent(5, PinEventTypes.Falling, TimeSpan.FromMilliseconds(30));
        Assert.True(none.TimedOut);
    }

    [Fact]
    public void Outputs_latch_what_the_program_writes()
    {
        _controller.OpenPin(23, PinMode.Output);
        _controller.Write(23, PinValue.High);
        Assert.Equal(PinValue.High, _driver.GetLevel(23));
        Assert.Equal(1, _driver.WriteCount(23));
        _controller.ClosePin(23);
        Assert.False(_driver.IsOpen(23));
    }
}
