using System.Device.Gpio;
using LatentPlayground.Hardware.Timing;

namespace LatentPlayground.Hardware.Switches;

/// <summary>
/// A momentary switch on one GPIO line — a footswitch, or the rotary encoder's push — with debounce and
/// gestures (press, release, single, long and double press; see <see cref="PressGestures"/> for the rules).
/// Takes a <see cref="GpioController"/> and opens only its own pin on it (input with the pull resistor that
/// matches <see cref="SwitchOptions.ActiveLow"/>); the controller stays the caller's.
/// Time comes from the injected <see cref="TimeProvider"/>, so tests drive it with a fake clock.
/// <para>
/// Events are raised only inside <see cref="Poll"/>, on the thread that calls it (the control thread), in time
/// order. With <see cref="InputSampling.EdgeCallbacks"/> the edges are recorded with their times on the
/// driver's event thread and handled at the next poll.
/// </para>
/// Not Iot.Device.Bindings' GpioButton: it reports a bouncing press as a click and loses the release, gives
/// single presses inside a double, raises holds on a timer thread, reads the wall clock and allocates per press
/// (BINDINGS.md, Bindings/GpioButtonBindingTests).
/// </summary>
public sealed class MomentarySwitch : IDisposable
{
    private readonly GpioController _controller;
    private readonly TimeProvider _clock;
    private readonly SwitchOptions _options;
    private readonly Debouncer _debouncer;
    private readonly PressGestures _gestures;
    private readonly EdgeLog? _edges;
    private readonly PinChangeEventHandler? _callback;
    private bool _lastRaw;   // the raw level last fed to the debouncer
    private long _lastAt;    // and when
    private int _raised;
    private bool _disposed;

    /// <summary>
    /// Opens <paramref name="pin"/> on <paramref name="controller"/> as an input with pull-up (active low) or
    /// pull-down, and takes its current level as the starting state (a switch held at start gives no press).
    /// Thread: control.
    /// </summary>
    public MomentarySwitch(GpioController controller, int pin, SwitchOptions? options = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(controller);
        _options = options ?? SwitchOptions.Default;
        _options.Validate();
        _controller = controller;
        _clock = clock ?? TimeProvider.System;
        Pin = pin;

        controller.OpenPin(pin, _options.ActiveLow ? PinMode.InputPullUp : PinMode.InputPullDown);
        _lastRaw = ReadActive();
        _lastAt = _clock.GetTimestamp();
        _debouncer = new Debouncer(Ticks.From(_options.Debounce, _clock), _lastRaw);
        long longPress = _options.LongPress is TimeSpan l ? Ticks.From(l, _clock) : -1;
        _gestures = new PressGestures(longPress, Ticks.From(_options.DoublePressWindow, _clock), Raise);

        if (_options.Sampling == InputSampling.EdgeCallbacks)
        {
            _edges = new EdgeLog();
            _callback = OnEdge;
            controller.RegisterCallbackForPinValueChangedEvent(pin, PinEventTypes.Falling | PinEventTypes.Rising, _callback);
        }
    }

    /// <summary>Raised inside <see cref="Poll"/> for every press, release and gesture, in time order. Thread: control.</summary>
    public event EventHandler<SwitchEventArgs>? Gesture;

    /// <summary>The GPIO line.</summary>
    public int Pin { get; }

    /// <summary>The debounced state: true while pressed.</summary>
    public bool IsPressed => _debouncer.Level;

    /// <summary>
    /// Brings the switch up to now: reads the pin (polling) or takes the recorded edges (edge callbacks),
    /// debounces, runs the gesture timers and raises <see cref="Gesture"/> for what happened.
    /// Returns the number of events raised. Thread: control.
    /// </summary>
    public int Poll()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _raised = 0;
        long now = _clock.GetTimestamp();
        if (_edges is not null)
        {
            while (_edges.TryTake(out bool level, out long at))
            {
                Feed(level, at);
            }

            if (_edges.TakeOverflow())
            {
                Feed(ReadActive(), now);
            }
        }

        // An edge recorded while this poll ran may carry a later time than "now": time never goes back.
        now = Math.Max(now, _lastAt);
        Feed(_edges is null ? ReadActive() : _lastRaw, now);
        _gestures.Advance(now);
        return _raised;
    }

    /// <summary>Unregisters the edge callback and closes the pin. Thread: control.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_callback is not null)
        {
            _controller.UnregisterCallbackForPinValueChangedEvent(Pin, _callback);
        }

        _controller.ClosePin(Pin);
    }

    private void Feed(bool raw, long at)
    {
        at = Math.Max(at, _lastAt);
        _lastRaw = raw;
        _lastAt = at;
        if (_debouncer.Observe(raw, at, out long changedAt))
        {
            if (_debouncer.Level)
            {
                _gestures.Press(changedAt);
            }
            else
            {
                _gestures.Release(changedAt);
            }
        }
    }

    private bool ReadActive()
    {
        bool high = _controller.Read(Pin) == PinValue.High;
        return _options.ActiveLow ? !high : high;
    }

    // Thread: the GPIO driver's event thread.
    private void OnEdge(object sender, PinValueChangedEventArgs e)
    {
        bool high = e.ChangeType == PinEventTypes.Rising;
        _edges!.Record(_options.ActiveLow ? !high : high, _clock.GetTimestamp());
    }

    private void Raise(SwitchEventKind kind, long at)
    {
        _raised++;
        Gesture?.Invoke(this, new SwitchEventArgs(Pin, kind, at));
    }
}
