namespace LatentPlayground.Hardware.Knobs;

/// <summary>
/// The value one knob (or pedal) stands for: <see cref="KnobFilter"/> for noise and <see cref="SoftTakeover"/>
/// after a recall. Feed it normalised readings; it says when the value changed.
/// Thread: one thread (the control thread).
/// </summary>
public sealed class KnobProcessor
{
    private readonly KnobFilter _filter;
    private readonly SoftTakeover _takeover;

    /// <summary>Creates a processor with <paramref name="options"/> (the defaults when null). Thread: any.</summary>
    public KnobProcessor(KnobOptions? options = null)
    {
        KnobOptions o = options ?? KnobOptions.Default;
        _filter = new KnobFilter(o);
        _takeover = new SoftTakeover(o.PickupTolerance);
    }

    /// <summary>The value, 0..1: the knob's position, or the recalled value until the knob picks it up.</summary>
    public double Value { get; private set; }

    /// <summary>True once there is a value (a reading arrived or a value was recalled).</summary>
    public bool HasValue { get; private set; }

    /// <summary>Where the knob physically is, 0..1 (shown by the UI while a takeover is pending).</summary>
    public double Position => _filter.Value;

    /// <summary>True while the knob has not yet passed the recalled value.</summary>
    public bool TakeoverPending => _takeover.Pending;

    /// <summary>True while the knob is being turned.</summary>
    public bool IsMoving => _filter.IsMoving;

    /// <summary>
    /// Takes one normalised reading; returns true when <see cref="Value"/> changed. The first reading sets the
    /// value without reporting a change (the host recalls the preset's values at start). Thread: control.
    /// </summary>
    public bool Process(double reading)
    {
        bool primed = _filter.HasValue;
        bool moved = _filter.Process(reading);
        if (!primed)
        {
            if (_takeover.Pending)
            {
                _takeover.Observe(_filter.Value);
            }
            else
            {
                Value = _filter.Value;
            }

            HasValue = true;
            return false;
        }

        if (!moved)
        {
            return false;
        }

        if (_takeover.Pending && !_takeover.Observe(_filter.Value))
        {
            return false;
        }

        if (_filter.Value == Value)
        {
            return false;
        }

        Value = _filter.Value;
        return true;
    }

    /// <summary>
    /// Sets the value to <paramref name="stored"/> (a preset recall) and arms soft takeover: the knob acts
    /// again only once it passes that value. Thread: control.
    /// </summary>
    public void Recall(double stored)
    {
        Value = Math.Clamp(stored, 0, 1);
        HasValue = true;
        _takeover.Arm(Value, _filter.HasValue ? _filter.Value : null);
    }

    /// <summary>Drops a pending takeover: the value jumps to the knob the next time it moves. Thread: control.</summary>
    public void CancelTakeover() => _takeover.Cancel();
}
