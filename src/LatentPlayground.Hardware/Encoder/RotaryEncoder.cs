using System.Device.Gpio;
using LatentPlayground.Hardware.Switches;

namespace LatentPlayground.Hardware.Encoder;

/// <summary>
/// A quadrature rotary encoder with push switch (an Alps EC11 type) on three GPIO lines: contacts A and B to GND
/// with pull-ups, and the push switch (a <see cref="MomentarySwitch"/>). Direction comes from the Gray-code
/// state machine (<see cref="QuadratureDecoder"/>), fast turns from <see cref="EncoderAcceleration"/>.
/// Takes a <see cref="GpioController"/> and opens only its own pins on it.
/// <para>
/// Events are raised only inside <see cref="Poll"/>, on the control thread. With
/// <see cref="InputSampling.EdgeCallbacks"/> each edge of A or B samples both contacts on the driver's event
/// thread (under a lock, since the driver may deliver A's and B's events on different threads) and the
/// detents are queued with their times; with <see cref="InputSampling.Polling"/>, <see cref="Poll"/> samples
/// the contacts itself and must run often (every millisecond) to follow fast turns.
/// </para>
/// Not Iot.Device.Bindings' QuadratureRotaryEncoder: it opens the contacts without pull-ups (no counts on the
/// pedal's wiring), counts a contact wobbling in place as turning, and has no polling mode (BINDINGS.md,
/// Bindings/RotaryEncoderBindingTests).
/// </summary>
public sealed class RotaryEncoder : IDisposable
{
    private readonly GpioController _controller;
    private readonly TimeProvider _clock;
    private readonly EncoderOptions _options;
    private readonly QuadratureDecoder _decoder;
    private readonly EncoderAcceleration _acceleration;
    private readonly Lock _gate = new();
    private readonly Queue<(int Direction, long At)> _detents = new();
    private readonly PinChangeEventHandler? _callback;
    private bool _disposed;

    // Detents waiting for Poll; beyond this (nobody polling) further ones are dropped.
    private const int MaxQueuedDetents = 256;

    /// <summary>
    /// Opens <paramref name="pinA"/> and <paramref name="pinB"/> as inputs with pull-up, and
    /// <paramref name="pushPin"/> (when given) as a <see cref="MomentarySwitch"/>. Thread: control.
    /// </summary>
    public RotaryEncoder(GpioController controller, int pinA, int pinB, int? pushPin, EncoderOptions? options = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(controller);
        if (pinA == pinB || pinA == pushPin || pinB == pushPin)
        {
            throw new ArgumentException("the encoder's pins must be three different lines");
        }

        _controller = controller;
        _options = options ?? EncoderOptions.Default;
        _clock = clock ?? TimeProvider.System;
        PinA = pinA;
        PinB = pinB;

        controller.OpenPin(pinA, PinMode.InputPullUp);
        controller.OpenPin(pinB, PinMode.InputPullUp);
        _decoder = new QuadratureDecoder(_options.TransitionsPerDetent, IsHigh(pinA), IsHigh(pinB));
        _acceleration = new EncoderAcceleration(_options.SlowInterval, _options.FastInterval, _options.MaxStep, _clock);

        if (pushPin is int p)
        {
            Push = new MomentarySwitch(controller, p, _options.Push with { Sampling = _options.Sampling }, _clock);
        }

        if (_options.Sampling == InputSampling.EdgeCallbacks)
        {
            _callback = OnEdge;
            controller.RegisterCallbackForPinValueChangedEvent(pinA, PinEventTypes.Falling | PinEventTypes.Rising, _callback);
            controller.RegisterCallbackForPinValueChangedEvent(pinB, PinEventTypes.Falling | PinEventTypes.Rising, _callback);
        }
    }

    /// <summary>Raised inside <see cref="Poll"/> once per detent, in order. Thread: control.</summary>
    public event EventHandler<EncoderTurnedEventArgs>? Turned;

    /// <summary>The push switch, or null when the encoder has none.</summary>
    public MomentarySwitch? Push { get; }

    /// <summary>Contact A's line.</summary>
    public int PinA { get; }

    /// <summary>Contact B's line.</summary>
    public int PinB { get; }

    /// <summary>Detents clockwise minus detents counter-clockwise since construction.</summary>
    public long Position { get; private set; }

    /// <summary>Transitions rejected as impossible (both contacts changed between two samples).</summary>
    public long InvalidTransitions
    {
        get
        {
            lock (_gate)
            {
                return _decoder.InvalidTransitions;
            }
        }
    }

    /// <summary>
    /// Brings the encoder up to now: samples the contacts (polling), raises <see cref="Turned"/> for each
    /// completed detent, and polls the push switch. Returns the number of detents. Thread: control.
    /// </summary>
    public int Poll()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_callback is null)
        {
            Sample();
        }

        int count = 0;
        while (TryTakeDetent(out int direction, out long at))
        {
            count++;
            Position += direction;
            Turned?.Invoke(this, new EncoderTurnedEventArgs(direction, _acceleration.Step(direction, at), at));
        }

        Push?.Poll();
        return count;
    }

    /// <summary>Unregisters the callbacks and closes the pins (and the push switch's). Thread: control.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_callback is not null)
        {
            _controller.UnregisterCallbackForPinValueChangedEvent(PinA, _callback);
            _controller.UnregisterCallbackForPinValueChangedEvent(PinB, _callback);
        }

        _controller.ClosePin(PinA);
        _controller.ClosePin(PinB);
        Push?.Dispose();
    }

    // Thread: the control thread (polling) or the driver's event thread(s) (edge callbacks).
    private void Sample()
    {
        lock (_gate)
        {
            int detent = _decoder.Update(IsHigh(PinA), IsHigh(PinB));
            if (detent != 0 && _detents.Count < MaxQueuedDetents)
            {
                _detents.Enqueue((detent, _clock.GetTimestamp()));
            }
        }
    }

    private bool TryTakeDetent(out int direction, out long at)
    {
        lock (_gate)
        {
            if (_detents.TryDequeue(out (int Direction, long At) d))
            {
                (direction, at) = d;
                return true;
            }

            direction = 0;
            at = 0;
            return false;
        }
    }

    private bool IsHigh(int pin) => _controller.Read(pin) == PinValue.High;

    // Thread: the GPIO driver's event thread(s).
    private void OnEdge(object sender, PinValueChangedEventArgs e) => Sample();
}
