namespace LatentPlayground.Hardware.Knobs;

/// <summary>
/// Smoothing and hysteresis for one knob: normalised readings in, a value that changes only when the knob is
/// really turned. Two states:
/// <list type="bullet">
/// <item><b>resting</b>: the value holds until the smoothed reading leaves ±<see cref="KnobOptions.WakeThreshold"/>
/// of the reading the value was taken from;</item>
/// <item><b>moving</b>: the value follows the smoothed reading whenever they differ by
/// <see cref="KnobOptions.Resolution"/> or more; once the reading has stayed inside
/// ±<see cref="KnobOptions.SettleBand"/> of one point for <see cref="KnobOptions.SettleSamples"/> readings,
/// the knob is resting again.</item>
/// </list>
/// After the last change while moving, every reading was within <c>Resolution</c> of the reference, so a settled
/// knob's later noise stays within <c>Resolution + noise</c> of it: under the wake threshold, never a change.
/// The output maps the travel minus the end zones onto exactly 0..1.
/// Pure arithmetic, no allocation. Thread: one thread (the control thread).
/// </summary>
public sealed class KnobFilter
{
    private readonly KnobOptions _options;
    private double _smoothed;
    private double _reference;   // the smoothed reading the current value was taken from
    private double _anchor;      // centre of the settle band while moving
    private int _still;          // readings in a row inside the settle band
    private bool _moving;

    /// <summary>Creates a filter with <paramref name="options"/> (the defaults when null). Thread: any.</summary>
    public KnobFilter(KnobOptions? options = null)
    {
        _options = options ?? KnobOptions.Default;
        _options.Validate();
    }

    /// <summary>True once the first reading has arrived; <see cref="Value"/> means nothing before.</summary>
    public bool HasValue { get; private set; }

    /// <summary>The knob's position, 0..1, end zones applied.</summary>
    public double Value { get; private set; }

    /// <summary>True while the knob is being turned (between waking and settling).</summary>
    public bool IsMoving => _moving;

    /// <summary>
    /// Takes one reading (0..1 of the travel; out-of-range readings are clamped) and returns true when
    /// <see cref="Value"/> changed. The first reading only sets the starting point and returns false.
    /// Thread: control.
    /// </summary>
    public bool Process(double reading)
    {
        reading = double.IsNaN(reading) ? 0 : Math.Clamp(reading, 0, 1);
        if (!HasValue)
        {
            HasValue = true;
            _smoothed = _reference = _anchor = reading;
            Value = Stretch(reading);
            return false;
        }

        _smoothed += _options.Smoothing * (reading - _smoothed);
        double x = _smoothed;
        if (!_moving)
        {
            if (Math.Abs(x - _reference) <= _options.WakeThreshold)
            {
                return false;
            }

            _moving = true;
            _anchor = x;
            _still = 0;
            return Take(x);
        }

        if (Math.Abs(x - _anchor) > _options.SettleBand)
        {
            _anchor = x;
            _still = 0;
        }
        else if (++_still >= _options.SettleSamples)
        {
            _moving = false;
        }

        return Math.Abs(x - _reference) >= _options.Resolution && Take(x);
    }

    private bool Take(double x)
    {
        _reference = x;
        double v = Stretch(x);
        if (v == Value)
        {
            return false;
        }

        Value = v;
        return true;
    }

    private double Stretch(double x)
    {
        double e = _options.EndZone;
        return Math.Clamp((x - e) / (1 - (2 * e)), 0, 1);
    }
}
