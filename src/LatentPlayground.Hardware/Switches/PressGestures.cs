namespace LatentPlayground.Hardware.Switches;

/// <summary>
/// Turns debounced presses and releases into gestures. The rules:
/// <list type="bullet">
/// <item><see cref="SwitchEventKind.Pressed"/> and <see cref="SwitchEventKind.Released"/>: every debounced edge, at once;</item>
/// <item><see cref="SwitchEventKind.LongPress"/>: while held, when the hold reaches the long-press time; that press then
/// gives no single press;</item>
/// <item><see cref="SwitchEventKind.DoublePress"/>: a press that starts within the double-press window after the release of
/// a short press; reported at that second press, and that press gives no long press and no single press;</item>
/// <item><see cref="SwitchEventKind.SinglePress"/>: a short press with no second press after it. With double press on, it
/// is held back until the window after the release has passed without a second press (so a single press of a
/// switch with a double-press action arrives the window's length late); with double press off it is reported at
/// the release.</item>
/// </list>
/// So a double press never also gives single presses. Timers advance on every call; call <see cref="Advance"/>
/// regularly so long presses and delayed single presses come out on time.
/// Pure logic. Thread: one thread (the control thread).
/// </summary>
public sealed class PressGestures
{
    private readonly long _longPress;      // < 0: off
    private readonly long _doubleWindow;   // 0: off
    private readonly Action<SwitchEventKind, long> _emit;
    private State _state;
    private long _since;                   // press time (Held*) or release time (AwaitingSecond)

    /// <summary>
    /// Gestures with a long-press time of <paramref name="longPressTicks"/> (negative: off) and a double-press
    /// window of <paramref name="doubleWindowTicks"/> (0: off), reported through <paramref name="emit"/>.
    ///  Thread: any.</summary>
    public PressGestures(long longPressTicks, long doubleWindowTicks, Action<SwitchEventKind, long> emit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(doubleWindowTicks);
        ArgumentNullException.ThrowIfNull(emit);
        _longPress = longPressTicks;
        _doubleWindow = doubleWindowTicks;
        _emit = emit;
    }

    private enum State
    {
        Idle,
        HeldFirst,        // a press that may become single, long, or the first of a double
        HeldLong,         // long press reported; waiting for the release
        AwaitingSecond,   // short press released; a second press within the window makes a double
        HeldSecond,       // the second press of a double; waiting for its release
    }

    /// <summary>True while the switch is held.</summary>
    public bool IsHeld => _state is State.HeldFirst or State.HeldLong or State.HeldSecond;

    /// <summary>Runs the timers up to <paramref name="now"/>. Thread: control.</summary>
    public void Advance(long now)
    {
        switch (_state)
        {
            case State.HeldFirst when _longPress >= 0 && now - _since >= _longPress:
                _state = State.HeldLong;
                _emit(SwitchEventKind.LongPress, _since + _longPress);
                break;
            case State.AwaitingSecond when now - _since >= _doubleWindow:
                _state = State.Idle;
                _emit(SwitchEventKind.SinglePress, _since + _doubleWindow);
                break;
        }
    }

    /// <summary>The debounced contact closed at <paramref name="at"/>. Thread: control.</summary>
    public void Press(long at)
    {
        Advance(at);
        _emit(SwitchEventKind.Pressed, at);
        if (_state == State.AwaitingSecond)
        {
            _state = State.HeldSecond;
            _emit(SwitchEventKind.DoublePress, at);
            return;
        }

        _state = State.HeldFirst;
        _since = at;
    }

    /// <summary>The debounced contact opened at <paramref name="at"/>. Thread: control.</summary>
    public void Release(long at)
    {
        Advance(at);
        _emit(SwitchEventKind.Released, at);
        if (_state != State.HeldFirst)
        {
            _state = State.Idle;   // after a long press or the second press of a double: nothing more
            return;
        }

        if (_doubleWindow == 0)
        {
            _state = State.Idle;
            _emit(SwitchEventKind.SinglePress, at);
            return;
        }

        _state = State.AwaitingSecond;
        _since = at;
    }
}
