namespace LatentPlayground.Core.Dsp;

/// <summary>
/// A value that moves to its target in straight lines of a fixed duration, so a changed setting fades
/// instead of stepping. Counted in samples. Thread: one owner; a plain struct, never allocates.
/// </summary>
public struct LinearRamp
{
    private readonly int _length;
    private double _step;
    private int _remaining;

    public LinearRamp(double initial, int lengthSamples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lengthSamples, 1);
        _length = lengthSamples;
        Value = initial;
        Target = initial;
        _step = 0;
        _remaining = 0;
    }

    public double Value { get; private set; }

    public double Target { get; private set; }

    public readonly bool IsMoving => _remaining > 0;

    /// <summary>Starts a ramp from the current value to <paramref name="target"/>.</summary>
    public void SetTarget(double target)
    {
        if (target == Target)
        {
            return;
        }

        Target = target;
        _remaining = _length;
        _step = (target - Value) / _length;
    }

    /// <summary>Jumps to <paramref name="value"/> with no ramp.</summary>
    public void Jump(double value)
    {
        Value = value;
        Target = value;
        _remaining = 0;
    }

    /// <summary>Moves one sample along and returns the new value.</summary>
    public double Next()
    {
        if (_remaining > 0)
        {
            _remaining--;
            Value = _remaining == 0 ? Target : Value + _step;
        }

        return Value;
    }
}
