namespace LatentPlayground.Hardware.Knobs;

/// <summary>
/// Learns an expression pedal's travel: the player rocks it heel to toe a few times while this watches the
/// codes. Refuses a travel shorter than a minimum span (a pedal not plugged in, or not moved).
/// Thread: one thread (the control thread).
/// </summary>
public sealed class PedalCalibrator
{
    private readonly int _minimumSpan;
    private int _low = int.MaxValue;
    private int _high = int.MinValue;

    /// <summary>A travel must span at least <paramref name="minimumSpan"/> codes to be accepted. Thread: any.</summary>
    public PedalCalibrator(int minimumSpan)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumSpan, 1);
        _minimumSpan = minimumSpan;
    }

    /// <summary>Readings seen so far.</summary>
    public int Samples { get; private set; }

    /// <summary>Takes one reading. Thread: control.</summary>
    public void Observe(int code)
    {
        _low = Math.Min(_low, code);
        _high = Math.Max(_high, code);
        Samples++;
    }

    /// <summary>
    /// The calibration learnt, or false with the reason (one line for the display). Thread: control.
    /// </summary>
    public bool TryFinish(bool reversed, out PedalCalibration calibration, out string problem)
    {
        calibration = default;
        if (Samples == 0)
        {
            problem = "no readings: is the pedal plugged in?";
            return false;
        }

        if (_high - _low < _minimumSpan)
        {
            problem = $"travel {_low}..{_high} is under {_minimumSpan} codes: rock the pedal from heel to toe";
            return false;
        }

        calibration = new PedalCalibration(_low, _high, reversed);
        problem = string.Empty;
        return true;
    }
}
