using System.Device.Gpio;
using LatentPlayground.Hardware.Encoder;
using LatentPlayground.Hardware.Simulation;
using Xunit.Abstractions;
using Binding = Iot.Device.RotaryEncoder;

namespace LatentPlayground.Hardware.Tests.Bindings;

/// <summary>
/// Iot.Device.Bindings 4.2.0's quadrature encoder (QuadratureRotaryEncoder, and ScaledQuadratureEncoder for
/// acceleration) against ours, both over <see cref="SimulatedGpioDriver"/> under a real <see cref="GpioController"/>
/// with <see cref="SimulatedRotaryEncoder"/> turning the shaft: the evidence for keeping ours
/// (src/LatentPlayground.Hardware/BINDINGS.md). The binding's figures go to the test output.
/// </summary>
public sealed class RotaryEncoderBindingTests(ITestOutputHelper output)
{
    private const int PinA = 17;
    private const int PinB = 27;
    private const int PinPush = 22;

    // The reference: the encoder's two contacts step through the Gray code 11 → 01 → 00 → 10 → 11 (A, B; open = 1
    // with the pull-ups) per detent clockwise, and back counter-clockwise (EC11 data sheet, "output waveform";
    // Encoder/QuadratureDecoder). The pedal wires both contacts to GND and uses the Pi's internal pull-ups
    // (hardware/WIRING.md), so a driver must open them as InputPullUp.

    [Fact]
    public void On_the_pedals_wiring_the_binding_opens_the_contacts_without_pull_ups_which_is_recorded_ours_counts_every_detent()
    {
        var driver = new SimulatedGpioDriver();   // no external resistors: an input without a pull floats (reads low)
        using var controller = new GpioController(driver);
        var shaft = new SimulatedRotaryEncoder(driver, PinA, PinB, PinPush);
        using (var binding = new Binding.QuadratureRotaryEncoder(PinA, PinB, PinEventTypes.Falling, 20, controller, shouldDispose: false) { Debounce = TimeSpan.Zero })
        {
            PinMode mode = driver.ModeOf(PinA);
            shaft.Turn(5);
            output.WriteLine($"binding: opens A and B as {mode}; 5 detents turned, PulseCount {binding.PulseCount}");
        }

        var clock = new ManualTimeProvider();
        using var ours = new RotaryEncoder(controller, PinA, PinB, PinPush, clock: clock);
        shaft.Turn(5, between: () => ours.Poll());
        Assert.Equal(PinMode.InputPullUp, driver.ModeOf(PinA));
        Assert.Equal(PinMode.InputPullUp, driver.ModeOf(PinB));
        Assert.Equal(5, ours.Position);
    }

    [Fact]
    public void With_external_pull_ups_both_count_whole_turns_and_a_contact_wobbling_at_one_position_is_recorded()
    {
        // Two identical rigs, as if the board had 10k pull-ups (an input without a pull reads high), one per driver.
        var oursDriver = new SimulatedGpioDriver { FloatingLevel = PinValue.High };
        var boundDriver = new SimulatedGpioDriver { FloatingLevel = PinValue.High };
        using var oursController = new GpioController(oursDriver);
        using var boundController = new GpioController(boundDriver);
        var oursShaft = new SimulatedRotaryEncoder(oursDriver, PinA, PinB, PinPush);
        var boundShaft = new SimulatedRotaryEncoder(boundDriver, PinA, PinB, PinPush);
        using var ours = new RotaryEncoder(oursController, PinA, PinB, PinPush, clock: new ManualTimeProvider());
        using var binding = new Binding.QuadratureRotaryEncoder(PinA, PinB, PinEventTypes.Falling, 20, boundController, shouldDispose: false)
        {
            Debounce = TimeSpan.Zero,   // the simulated shaft moves in no time; its 5 ms default would drop all but the first pulse
        };

        oursShaft.Turn(8, between: () => ours.Poll());
        oursShaft.Turn(-3, between: () => ours.Poll());
        boundShaft.Turn(8);
        boundShaft.Turn(-3);
        long oursAfterTurns = ours.Position;
        long boundAfterTurns = binding.PulseCount;

        // The shaft resting where contact A changes, shaken: A closes and opens five times while B stays open.
        for (int i = 0; i < 5; i++)
        {
            oursShaft.Step(clockwise: true);
            ours.Poll();
            oursShaft.Step(clockwise: false);
            ours.Poll();
            boundShaft.Step(clockwise: true);
            boundShaft.Step(clockwise: false);
        }

        output.WriteLine($"8 detents one way, 3 back: binding PulseCount {boundAfterTurns}, ours {oursAfterTurns}; after five wobbles of A: binding {binding.PulseCount}, ours {ours.Position}");
        Assert.Equal(5, oursAfterTurns);
        Assert.Equal(5, ours.Position);   // the wobble steps forward and back: no detent
        Assert.Equal(Math.Abs(oursAfterTurns), Math.Abs(boundAfterTurns));   // where they agree: one pulse per whole detent
    }

    [Fact]
    public void Polling_allocates_nothing_in_ours_and_the_bindings_cost_per_pulse_is_recorded()
    {
        var driver = new SimulatedGpioDriver { FloatingLevel = PinValue.High };
        using var controller = new GpioController(driver);
        var shaft = new SimulatedRotaryEncoder(driver, PinA, PinB, PinPush);
        var clock = new ManualTimeProvider();
        using var ours = new RotaryEncoder(controller, PinA, PinB, PinPush, clock: clock);
        int turns = 0;
        ours.Turned += (_, _) => turns++;

        double idlePoll = Allocation.PerCall(() =>
        {
            clock.AdvanceMilliseconds(1);
            ours.Poll();
        });
        Assert.Equal(0, idlePoll);

        // A detent: four transitions, polled after each. The simulator's own delivery costs are in both figures.
        double oursPerDetent = Allocation.PerCall(() => shaft.Turn(1, between: () => ours.Poll()), calls: 200, warmUp: 20);
        output.WriteLine($"ours: {idlePoll} B per idle poll, {oursPerDetent} B per detent (its EncoderTurnedEventArgs, the simulator's edge bookkeeping)");
        ours.Dispose();

        using var binding = new Binding.ScaledQuadratureEncoder(PinA, PinB, PinEventTypes.Falling, 20, 1, 0, 1000, controller, shouldDispose: false) { Debounce = TimeSpan.Zero };
        binding.ValueChanged += (_, _) => turns++;
        double boundPerDetent = Allocation.PerCall(() => shaft.Turn(1), calls: 200, warmUp: 20);
        output.WriteLine($"binding (ScaledQuadratureEncoder, a ValueChanged handler): {boundPerDetent} B per detent; it has no polling mode, every pulse is handled on the GPIO driver's event thread");
        Assert.True(turns > 0);
    }
}
