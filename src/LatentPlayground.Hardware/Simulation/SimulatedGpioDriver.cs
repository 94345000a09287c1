using System.Device.Gpio;

namespace LatentPlayground.Hardware.Simulation;

/// <summary>
/// A GPIO chip in memory, for System.Device.Gpio's real <see cref="GpioController"/>:
/// <c>new GpioController(new SimulatedGpioDriver())</c>. <see cref="GpioDriver"/>'s members are
/// <c>protected internal abstract</c> in System.Device.Gpio 4.2.0, so a driver outside the assembly overrides
/// them as <c>protected</c>; the controller's own checks (pin open, output mode before a write) run unchanged.
/// <para>
/// Each line has what the program sets (mode, output latch) and what the outside world does to it: nothing
/// (the pull resistor or <see cref="FloatingLevel"/> decides), or a driven level (<see cref="Drive"/>,
/// <see cref="Press"/>, <see cref="Release"/>). A change of an input's level raises the registered edge
/// callbacks synchronously on the thread that caused it, outside the chip's lock — the counterpart of the
/// libgpiod driver's event thread — and wakes <c>WaitForEvent</c>.
/// </para>
/// Thread: any; every member takes the chip's lock.
/// </summary>
public sealed class SimulatedGpioDriver : GpioDriver
{
    /// <summary>GPIO lines 0–27: the Raspberry Pi 40-pin header's.</summary>
    public const int HeaderLineCount = 28;

    private const int EdgeHistory = 64;

    private readonly object _gate = new();   // a monitor: WaitForEvent waits on it
    private readonly Line[] _lines;

    /// <summary>A chip with <paramref name="lineCount"/> lines (the 28 header GPIOs by default). Thread: any.</summary>
    public SimulatedGpioDriver(int lineCount = HeaderLineCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lineCount, 1);
        _lines = new Line[lineCount];
        for (int i = 0; i < lineCount; i++)
        {
            _lines[i] = new Line();
        }
    }

    /// <summary>The level of an input with no pull resistor and nothing driving it. Default low.</summary>
    public PinValue FloatingLevel { get; init; } = PinValue.Low;

    /// <inheritdoc/>
    protected override int PinCount => _lines.Length;

    // ---- the outside world -------------------------------------------------------------------------

    /// <summary>
    /// Drives <paramref name="pin"/> from outside to <paramref name="level"/>, or releases it (null) so its pull
    /// resistor decides. Raises edge callbacks if an input's level changes. Thread: any.
    /// </summary>
    public void Drive(int pin, PinValue? level)
    {
        List<(PinChangeEventHandler Handler, PinValueChangedEventArgs Args)>? due;
        lock (_gate)
        {
            Line line = LineAt(pin);
            line.Driven = level;
            due = Settle(pin, line);
        }

        Deliver(due);
    }

    /// <summary>
    /// Drives several lines at the same instant: every level changes before any callback runs, so a reader sees
    /// them change together (two encoder contacts moving at once). Thread: any.
    /// </summary>
    public void Drive(ReadOnlySpan<(int Pin, PinValue? Level)> levels)
    {
        List<(PinChangeEventHandler Handler, PinValueChangedEventArgs Args)>? due = null;
        lock (_gate)
        {
            foreach ((int pin, PinValue? level) in levels)
            {
                LineAt(pin).Driven = level;
            }

            foreach ((int pin, _) in levels)
            {
                if (Settle(pin, LineAt(pin)) is { } more)
                {
                    (due ??= []).AddRange(more);
                }
            }
        }

        Deliver(due);
    }

    /// <summary>A switch to GND closes: drives the line low. Thread: any.</summary>
    public void Press(int pin) => Drive(pin, PinValue.Low);

    /// <summary>The switch opens: releases the line to its pull resistor. Thread: any.</summary>
    public void Release(int pin) => Drive(pin, null);

    /// <summary>The line's level now: the latch of an output, else what drives or pulls the input. Thread: any.</summary>
    public PinValue GetLevel(int pin)
    {
        lock (_gate)
        {
            return LevelOf(LineAt(pin));
        }
    }

    /// <summary>True while the program has the line open. Thread: any.</summary>
    public bool IsOpen(int pin)
    {
        lock (_gate)
        {
            return LineAt(pin).Open;
        }
    }

    /// <summary>The mode the program set (Input until it sets one). Thread: any.</summary>
    public PinMode ModeOf(int pin)
    {
        lock (_gate)
        {
            return LineAt(pin).Mode;
        }
    }

    /// <summary>Writes the program made to the line since it was opened. Thread: any.</summary>
    public int WriteCount(int pin)
    {
        lock (_gate)
        {
            return LineAt(pin).Writes;
        }
    }

    /// <summary>Edge callbacks registered on the line now. Thread: any.</summary>
    public int CallbackCount(int pin)
    {
        lock (_gate)
        {
            return LineAt(pin).Callbacks.Count;
        }
    }

    // ---- GpioDriver ---------------------------------------------------------------------------------

    /// <inheritdoc/>
    protected override void OpenPin(int pinNumber)
    {
        lock (_gate)
        {
            Line line = LineAt(pinNumber);
            if (line.Open)
            {
                throw new InvalidOperationException($"simulated GPIO {pinNumber} is already open");
            }

            line.Open = true;
            line.Mode = PinMode.Input;
            line.Writes = 0;
            line.Level = LevelOf(line);
        }
    }

    /// <inheritdoc/>
    protected override void ClosePin(int pinNumber)
    {
        lock (_gate)
        {
            Line line = OpenLine(pinNumber);
            line.Open = false;
            line.Callbacks.Clear();
            line.Mode = PinMode.Input;
        }
    }

    /// <inheritdoc/>
    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        List<(PinChangeEventHandler, PinValueChangedEventArgs)>? due;
        lock (_gate)
        {
            Line line = OpenLine(pinNumber);
            if (!Supported(mode))
            {
                throw new InvalidOperationException($"simulated GPIO {pinNumber} does not support {mode}");
            }

            line.Mode = mode;
            due = Settle(pinNumber, line);
        }

        Deliver(due);
    }

    /// <inheritdoc/>
    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_gate)
        {
            return OpenLine(pinNumber).Mode;
        }
    }

    /// <inheritdoc/>
    protected override bool IsPinModeSupported(int pinNumber, PinMode mode)
    {
        lock (_gate)
        {
            _ = LineAt(pinNumber);
            return Supported(mode);
        }
    }

    /// <inheritdoc/>
    protected override PinValue Read(int pinNumber)
    {
        lock (_gate)
        {
            return LevelOf(OpenLine(pinNumber));
        }
    }

    /// <inheritdoc/>
    protected override void Write(int pinNumber, PinValue value)
    {
        lock (_gate)
        {
            Line line = OpenLine(pinNumber);
            if (line.Mode != PinMode.Output)
            {
                throw new InvalidOperationException($"simulated GPIO {pinNumber} is not an output");
            }

            line.Latch = value;
            line.Writes++;
            line.Level = value;   // no edge events on outputs, as with libgpiod
        }
    }

    /// <inheritdoc/>
    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        using CancellationTokenRegistration wake = cancellationToken.Register(() =>
        {
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
        });

        lock (_gate)
        {
            Line line = OpenLine(pinNumber);
            long seen = line.EdgeCount;
            while (true)
            {
                // Look at every edge since the last look, oldest first (at most the history's length).
                for (long e = Math.Max(seen, line.EdgeCount - EdgeHistory); e < line.EdgeCount; e++)
                {
                    PinEventTypes type = line.Edges[e % EdgeHistory];
                    if ((type & eventTypes) != 0)
                    {
                        return new WaitForEventResult { EventTypes = type, TimedOut = false };
                    }
                }

                seen = line.EdgeCount;
                if (cancellationToken.IsCancellationRequested)
                {
                    return new WaitForEventResult { EventTypes = PinEventTypes.None, TimedOut = true };
                }

                Monitor.Wait(_gate);
            }
        }
    }

    /// <inheritdoc/>
    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        lock (_gate)
        {
            OpenLine(pinNumber).Callbacks.Add((eventTypes, callback));
        }
    }

    /// <inheritdoc/>
    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            OpenLine(pinNumber).Callbacks.RemoveAll(c => c.Handler == callback);
        }
    }

    /// <inheritdoc/>
    public override GpioChipInfo GetChipInfo() => new(0, "gpiochip0", "simulated-pinctrl-rp1", _lines.Length);

    private static bool Supported(PinMode mode) =>
        mode is PinMode.Input or PinMode.Output or PinMode.InputPullUp or PinMode.InputPullDown;

    private Line LineAt(int pin)
    {
        if ((uint)pin >= (uint)_lines.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(pin), pin, $"the simulated chip has lines 0–{_lines.Length - 1}");
        }

        return _lines[pin];
    }

    private Line OpenLine(int pin)
    {
        Line line = LineAt(pin);
        if (!line.Open)
        {
            throw new InvalidOperationException($"simulated GPIO {pin} is not open");
        }

        return line;
    }

    private PinValue LevelOf(Line line)
    {
        if (line.Open && line.Mode == PinMode.Output)
        {
            return line.Latch;
        }

        if (line.Driven is PinValue driven)
        {
            return driven;
        }

        if (!line.Open)
        {
            return FloatingLevel;
        }

        return line.Mode switch
        {
            PinMode.InputPullUp => PinValue.High,
            PinMode.InputPullDown => PinValue.Low,
            _ => FloatingLevel,
        };
    }

    // Under the lock: recomputes the level; on an input's edge records it and collects the callbacks due.
    private List<(PinChangeEventHandler, PinValueChangedEventArgs)>? Settle(int pin, Line line)
    {
        PinValue level = LevelOf(line);
        if (level == line.Level)
        {
            return null;
        }

        line.Level = level;
        if (!line.Open || line.Mode == PinMode.Output)
        {
            return null;
        }

        PinEventTypes type = level == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
        line.Edges[line.EdgeCount % EdgeHistory] = type;
        line.EdgeCount++;
        Monitor.PulseAll(_gate);

        List<(PinChangeEventHandler, PinValueChangedEventArgs)>? due = null;
        foreach ((PinEventTypes types, PinChangeEventHandler handler) in line.Callbacks)
        {
            if ((types & type) != 0)
            {
                due ??= [];
                due.Add((handler, new PinValueChangedEventArgs(type, pin)));
            }
        }

        return due;
    }

    private void Deliver(List<(PinChangeEventHandler Handler, PinValueChangedEventArgs Args)>? due)
    {
        if (due is null)
        {
            return;
        }

        foreach ((PinChangeEventHandler handler, PinValueChangedEventArgs args) in due)
        {
            handler(this, args);
        }
    }

    private sealed class Line
    {
        public bool Open;
        public PinMode Mode = PinMode.Input;
        public PinValue Latch = PinValue.Low;
        public PinValue? Driven;
        public PinValue Level = PinValue.Low;
        public int Writes;
        public long EdgeCount;
        public readonly PinEventTypes[] Edges = new PinEventTypes[EdgeHistory];
        public readonly List<(PinEventTypes Types, PinChangeEventHandler Handler)> Callbacks = [];
    }
}
