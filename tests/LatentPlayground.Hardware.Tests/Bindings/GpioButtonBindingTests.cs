using System.Device.Gpio;
using LatentPlayground.Hardware.Simulation;
using LatentPlayground.Hardware.Switches;
using LatentPlayground.Hardware.Tests.Switches;
using Xunit.Abstractions;
using Binding = Iot.Device.Button;

namespace LatentPlayground.Hardware.Tests.Bindings;

/// <summary>
/// Iot.Device.Bindings 4.2.0's GpioButton against our <see cref="MomentarySwitch"/>, both over
/// <see cref="SimulatedGpioDriver"/> under a real <see cref="GpioController"/>, with the pedal's timings (15 ms
/// debounce, 600 ms long press, 300 ms double-press window): the evidence for keeping ours
/// (src/LatentPlayground.Hardware/BINDINGS.md). The binding reads the wall clock (DateTime.UtcNow) and runs its
/// long-press timer on the thread pool, so its scripts run in real time; ours run on a fake clock
/// (<see cref="SwitchScript"/>). The binding's figures go to the test output.
/// </summary>
public sealed class GpioButtonBindingTests(ITestOutputHelper output)
{
    private const int Pin = SwitchScript.Pin;

    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(15);
    private static readonly TimeSpan LongPress = TimeSpan.FromMilliseconds(600);
    private static readonly TimeSpan DoubleWindow = TimeSpan.FromMilliseconds(300);

    /// <summary>The binding on its own simulated line, its events collected as "Kind" (and the thread, for holds).</summary>
    private sealed class BoundButton : IDisposable
    {
        private readonly Lock _gate = new();
        private readonly List<string> _events = [];

        public BoundButton(TimeSpan longPress)
        {
            Driver = new SimulatedGpioDriver();
            Controller = new GpioController(Driver);
            Button = new Binding.GpioButton(Pin, DoubleWindow, longPress, isPullUp: true, hasExternalResistor: false, Controller, shouldDispose: false, Debounce)
            {
                IsDoublePressEnabled = true,
                IsHoldingEnabled = true,
            };
            Button.ButtonDown += (_, _) => Add("Down");
            Button.ButtonUp += (_, _) => Add("Up");
            Button.Press += (_, _) => Add("Press");
            Button.DoublePress += (_, _) => Add("DoublePress");
            Button.Holding += (_, e) => Add($"Holding{e.HoldingState}@thread{Environment.CurrentManagedThreadId}");
        }

        public SimulatedGpioDriver Driver { get; }

        public GpioController Controller { get; }

        public Binding.GpioButton Button { get; }

        public List<string> Events
        {
            get { lock (_gate) { return [.. _events]; } }
        }

        public void Dispose()
        {
            Button.Dispose();
            Controller.Dispose();
        }

        private void Add(string e)
        {
            lock (_gate)
            {
                _events.Add(e);
            }
        }
    }

    [Fact]
    public void Both_open_the_line_with_pull_up_and_take_both_edges()
    {
        using var bound = new BoundButton(LongPress);
        using var ours = new SwitchScript(SwitchOptions.Default with { Sampling = InputSampling.EdgeCallbacks });

        Assert.Equal(PinMode.InputPullUp, bound.Driver.ModeOf(Pin));
        Assert.Equal(bound.Driver.ModeOf(Pin), ours.Driver.ModeOf(Pin));
        Assert.Equal(1, bound.Driver.CallbackCount(Pin));
        Assert.Equal(bound.Driver.CallbackCount(Pin), ours.Driver.CallbackCount(Pin));
    }

    [Fact]
    public void A_bouncing_press_held_then_released_is_one_press_in_ours_the_bindings_events_are_recorded()
    {
        using var bound = new BoundButton(LongPress);
        foreach (bool closed in new[] { true, false, true, false, true })   // the contact bounces as it closes
        {
            bound.Driver.Drive(Pin, closed ? PinValue.Low : null);
        }

        Thread.Sleep(100);
        bound.Driver.Release(Pin);
        Thread.Sleep(20);
        output.WriteLine($"binding, bouncing press held 100 ms then released: {string.Join(", ", bound.Events)}");

        using var ours = new SwitchScript(SwitchOptions.Default with { DoublePressWindow = TimeSpan.Zero });
        ours.Press();
        ours.Wait(100);
        ours.Release(bounce: false);
        ours.Wait(50);
        Assert.Equal(["20:Pressed", "121:Released", "121:SinglePress"], ours.Events);
    }

    [Fact]
    public void A_double_press_is_one_gesture_in_ours_the_bindings_events_are_recorded()
    {
        using var bound = new BoundButton(LongPress);
        for (int i = 0; i < 2; i++)
        {
            bound.Driver.Press(Pin);
            Thread.Sleep(40);
            bound.Driver.Release(Pin);
            Thread.Sleep(40);
        }

        output.WriteLine($"binding, two 40 ms presses 40 ms apart: {string.Join(", ", bound.Events)}");

        using var ours = new SwitchScript();
        for (int i = 0; i < 2; i++)
        {
            ours.Press(bounce: false);
            ours.Wait(40);
            ours.Release(bounce: false);
            ours.Wait(40);
        }

        ours.Wait(400);
        // The double press is reported at the second press and no single press is reported for either.
        Assert.Equal(["16:Pressed", "56:Released", "96:Pressed", "96:DoublePress", "136:Released"], ours.Events);
    }

    [Fact]
    public void A_long_press_is_raised_on_the_polling_thread_in_ours_the_bindings_thread_is_recorded()
    {
        using var bound = new BoundButton(TimeSpan.FromMilliseconds(60));   // shortened: this runs in real time
        int testThread = Environment.CurrentManagedThreadId;
        bound.Driver.Press(Pin);
        Thread.Sleep(200);

        // Its timer runs on the thread pool, which may be busy with other tests: give it time.
        for (int i = 0; i < 100 && !bound.Events.Any(e => e.StartsWith("Holding", StringComparison.Ordinal)); i++)
        {
            Thread.Sleep(20);
        }

        bound.Driver.Release(Pin);
        Thread.Sleep(20);
        output.WriteLine($"binding, held 200 ms with a 60 ms hold time (test thread {testThread}): {string.Join(", ", bound.Events)}");

        using var ours = new SwitchScript();
        var threads = new List<int>();
        ours.Switch.Gesture += (_, _) => threads.Add(Environment.CurrentManagedThreadId);
        ours.Press(bounce: false);
        ours.Wait(700);
        Assert.Contains("616:LongPress", ours.Events);
        Assert.All(threads, t => Assert.Equal(testThread, t));
    }

    [Fact]
    public void Polling_allocates_nothing_in_ours_and_the_cost_of_a_press_is_recorded_for_both()
    {
        // Ours as the pedal runs it: polled every millisecond on a fake clock, a handler that only counts.
        var driver = new SimulatedGpioDriver();
        using var controller = new GpioController(driver);
        var clock = new ManualTimeProvider();
        using var ours = new MomentarySwitch(controller, Pin, SwitchOptions.Default, clock);
        int events = 0;
        ours.Gesture += (_, _) => events++;
        void Wait(int ms)
        {
            for (int i = 0; i < ms; i++)
            {
                clock.AdvanceMilliseconds(1);
                ours.Poll();
            }
        }

        double idlePoll = Allocation.PerCall(() => Wait(1));
        Assert.Equal(0, idlePoll);

        // A press, its release 40 ms later, then quiet past the double-press window: Pressed, Released, SinglePress.
        double oursPerPress = Allocation.PerCall(
            () =>
            {
                driver.Press(Pin);
                Wait(40);
                driver.Release(Pin);
                Wait(400);
            },
            calls: 50,
            warmUp: 5);

        // The binding with no debounce (its debounce reads the wall clock, which this loop does not advance) and
        // counting handlers; the simulator's delivery of its two edges (a list, two PinValueChangedEventArgs) is in the figure.
        var boundDriver = new SimulatedGpioDriver();
        using var boundController = new GpioController(boundDriver);
        using var bound = new Binding.GpioButton(Pin, DoubleWindow, LongPress, isPullUp: true, hasExternalResistor: false, boundController, shouldDispose: false, TimeSpan.Zero)
        {
            IsDoublePressEnabled = true,
            IsHoldingEnabled = true,
        };
        bound.ButtonDown += (_, _) => events++;
        bound.ButtonUp += (_, _) => events++;
        bound.Press += (_, _) => events++;
        double boundPerPress = Allocation.PerCall(
            () =>
            {
                boundDriver.Press(Pin);
                boundDriver.Release(Pin);
            },
            calls: 200,
            warmUp: 20);

        output.WriteLine($"ours: {idlePoll} B per idle poll, {oursPerPress} B per press (its three SwitchEventArgs); binding: {boundPerPress} B per press (EventArgs per event, a Timer per press for the hold, the simulator's edge delivery)");
        Assert.True(events > 0);
    }
}
