using System.Device.Gpio;
using LatentPlayground.Hardware.Encoder;
using LatentPlayground.Hardware.Simulation;
using LatentPlayground.Hardware.Switches;

namespace LatentPlayground.Hardware.Tests.Encoder;

public sealed class RotaryEncoderTests : IDisposable
{
    private const int PinA = 17;
    private const int PinB = 27;
    private const int PinPush = 22;

    private readonly ManualTimeProvider _clock = new();
    private readonly SimulatedGpioDriver _driver = new();
    private readonly GpioController _controller;
    private readonly SimulatedRotaryEncoder _shaft;
    private readonly List<EncoderTurnedEventArgs> _turns = [];
    private readonly List<SwitchEventKind> _push = [];
    private RotaryEncoder? _encoder;

    public RotaryEncoderTests()
    {
        _controller = new GpioController(_driver);
        _shaft = new SimulatedRotaryEncoder(_driver, PinA, PinB, PinPush);
    }

    public void Dispose()
    {
        _encoder?.Dispose();
        _controller.Dispose();
    }

    private RotaryEncoder Open(InputSampling sampling = InputSampling.Polling)
    {
        _encoder = new RotaryEncoder(_controller, PinA, PinB, PinPush, EncoderOptions.Default with { Sampling = sampling }, _clock);
        _encoder.Turned += (_, e) => _turns.Add(e);
        _encoder.Push!.Gesture += (_, e) => _push.Add(e.Kind);
        return _encoder;
    }

    private void Tick(double ms = 1)
    {
        _clock.AdvanceMilliseconds(ms);
        _encoder!.Poll();
    }

    [Fact]
    public void Opens_three_inputs_with_pull_ups()
    {
        Open();
        Assert.All(new[] { PinA, PinB, PinPush }, p => Assert.Equal(PinMode.InputPullUp, _driver.ModeOf(p)));
    }

    [Theory]
    [InlineData(InputSampling.Polling)]
    [InlineData(InputSampling.EdgeCallbacks)]
    public void Clockwise_and_counter_clockwise_turns_count_detents(InputSampling sampling)
    {
        RotaryEncoder encoder = Open(sampling);
        _shaft.Turn(3, between: () => Tick(50));
        Assert.Equal([1, 1, 1], _turns.Select(t => t.Direction));
        _shaft.Turn(-5, between: () => Tick(50));
        Assert.Equal(-2, encoder.Position);
        Assert.Equal(8, _turns.Count);
        Assert.All(_turns, t => Assert.Equal(t.Direction, t.Step));  // slow: no acceleration
    }

    [Theory]
    [InlineData(InputSampling.Polling)]
    [InlineData(InputSampling.EdgeCallbacks)]
    public void Contact_bounce_and_impossible_jumps_make_no_detents(InputSampling sampling)
    {
        RotaryEncoder encoder = Open(sampling);
        for (int i = 0; i < 10; i++)
        {
            _shaft.SetContacts(true, false);   // A chatters at rest
            Tick();
            _shaft.SetContacts(false, false);
            Tick();
        }

        _shaft.SetContacts(true, false);
        Tick();
        _shaft.SetContacts(false, true);       // both contacts at once: impossible
        Tick();
        _shaft.SetContacts(false, false);
        Tick();

        Assert.Empty(_turns);
        Assert.Equal(1, encoder.InvalidTransitions);
        _shaft.Turn(1, between: () => Tick());
        Assert.Single(_turns);
    }

    [Fact]
    public void Fast_turns_give_bigger_steps()
    {
        Open();
        _shaft.Turn(3, between: () => Tick(40));   // 160 ms a detent
        _shaft.Turn(3, between: () => Tick(2));    // 8 ms a detent
        // The first fast detent comes 8 ms after the last slow one: it is already fast.
        Assert.Equal([1, 1, 1, 10, 10, 10], _turns.Select(t => t.Step));
    }

    [Fact]
    public void Moderate_speed_gives_the_curve_s_middle()
    {
        Open();
        _shaft.Turn(4, between: () => Tick(7.5));  // 30 ms a detent
        Assert.Equal([1, 4, 4, 4], _turns.Select(t => t.Step));
    }

    [Fact]
    public void The_push_switch_is_debounced_and_reports_a_press_at_release()
    {
        Open();
        foreach (bool down in new[] { true, false, true, false, true })
        {
            _shaft.SetPushed(down);
            Tick();
        }

        for (int i = 0; i < 100; i++)
        {
            Tick();
        }

        _shaft.SetPushed(false);
        for (int i = 0; i < 30; i++)
        {
            Tick();
        }

        Assert.Equal([SwitchEventKind.Pressed, SwitchEventKind.Released, SwitchEventKind.SinglePress], _push);
    }

    [Fact]
    public void Dispose_closes_every_pin_and_drops_the_callbacks()
    {
        Open(InputSampling.EdgeCallbacks);
        Assert.Equal(1, _driver.CallbackCount(PinA));
        _encoder!.Dispose();
        Assert.False(_driver.IsOpen(PinA) || _driver.IsOpen(PinB) || _driver.IsOpen(PinPush));
    }
}
