namespace LatentPlayground.Hardware.Knobs;

/// <summary>
/// Soft takeover ("pickup") after a preset recall: the parameter keeps its recalled value until the knob
/// passes it. Armed with the recalled value; the side of it the knob starts on is remembered, and the knob
/// acts once it reaches the value (within a tolerance) or crosses to the other side.
/// Pure logic. Thread: one thread (the control thread).
/// </summary>
public sealed class SoftTakeover
{
    private readonly double _tolerance;
    private int _side;   // -1: knob below the target, +1: above, 0: not known yet

    /// <summary>A knob within <paramref name="tolerance"/> of the target counts as at it. Thread: any.</summary>
    public SoftTakeover(double tolerance)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);
        _tolerance = tolerance;
    }

    /// <summary>True while the knob has not yet passed the recalled value.</summary>
    public bool Pending { get; private set; }

    /// <summary>The recalled value the knob has to pass.</summary>
    public double Target { get; private set; }

    /// <summary>
    /// Arms the takeover for <paramref name="target"/>. <paramref name="knob"/> is where the knob is now, or
    /// null when no reading has arrived yet (the first <see cref="Observe"/> then decides the side).
    /// A knob already at the target picks up at once. Thread: control.
    /// </summary>
    public void Arm(double target, double? knob)
    {
        Target = target;
        Pending = true;
        _side = 0;
        if (knob is double k)
        {
            Locate(k);
        }
    }

    /// <summary>Forgets the takeover: the knob acts at once. Thread: control.</summary>
    public void Cancel() => Pending = false;

    /// <summary>
    /// Tells where the knob is now. Returns true when this position picks the value up: the knob reached the
    /// target or crossed it; the takeover is then over. Thread: control.
    /// </summary>
    public bool Observe(double knob)
    {
        if (!Pending)
        {
            return false;
        }

        if (_side == 0)
        {
            // First sight of the knob: at the target it picks up silently, elsewhere the side is remembered.
            Locate(knob);
            return false;
        }

        int side = Math.Sign(knob - Target);
        if (Math.Abs(knob - Target) <= _tolerance || side != _side)
        {
            Pending = false;
            return true;
        }

        return false;
    }

    private void Locate(double knob)
    {
        if (Math.Abs(knob - Target) <= _tolerance)
        {
            Pending = false;
        }
        else
        {
            _side = Math.Sign(knob - Target);
        }
    }
}
