namespace LatentPlayground.Hardware.Encoder;

/// <summary>
/// Bigger steps for fast turns. The time between two detents in the same direction sets the step:
/// 1 at <see cref="SlowInterval"/> or slower, <see cref="MaxStep"/> at <see cref="FastInterval"/> or faster,
/// and in between <c>1 + round((MaxStep - 1) · t²)</c>, where <c>t</c> is the turning speed (detents per second)
/// placed linearly between the two (0 at the slow end, 1 at the fast end). The square keeps moderate
/// speeds precise. With the defaults (100 ms, 20 ms, 10): 50 ms between detents → step 2, 30 ms → 4, 25 ms → 6.
/// A change of direction, or the first detent, is always a step of 1.
/// Pure arithmetic. Thread: one thread (the control thread).
/// </summary>
public sealed class EncoderAcceleration
{
    private readonly long _slow;
    private readonly long _fast;
    private readonly double _frequency;
    private int _lastDirection;
    private long _lastAt;

    /// <summary>Creates the curve; intervals are converted with <paramref name="clock"/>'s timestamp frequency. Thread: any.</summary>
    public EncoderAcceleration(TimeSpan slowInterval, TimeSpan fastInterval, int maxStep, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxStep, 1);
        if (fastInterval <= TimeSpan.Zero || slowInterval <= fastInterval)
        {
            throw new ArgumentException("need 0 < fast interval < slow interval", nameof(fastInterval));
        }

        SlowInterval = slowInterval;
        FastInterval = fastInterval;
        MaxStep = maxStep;
        _frequency = clock.TimestampFrequency;
        _slow = Timing.Ticks.From(slowInterval, clock);
        _fast = Timing.Ticks.From(fastInterval, clock);
    }

    /// <summary>Detents this far apart or further get a step of 1.</summary>
    public TimeSpan SlowInterval { get; }

    /// <summary>Detents this close or closer get <see cref="MaxStep"/>.</summary>
    public TimeSpan FastInterval { get; }

    /// <summary>The largest step.</summary>
    public int MaxStep { get; }

    /// <summary>
    /// The signed step for a detent in <paramref name="direction"/> (+1 or -1) at <paramref name="at"/>.
    /// Thread: control.
    /// </summary>
    public int Step(int direction, long at)
    {
        int magnitude = 1;
        if (direction == _lastDirection)
        {
            magnitude = Magnitude(at - _lastAt);
        }

        _lastDirection = direction;
        _lastAt = at;
        return direction * magnitude;
    }

    private int Magnitude(long interval)
    {
        if (interval >= _slow)
        {
            return 1;
        }

        if (interval <= _fast)
        {
            return MaxStep;
        }

        double speed = _frequency / interval;
        double slowSpeed = _frequency / _slow;
        double fastSpeed = _frequency / _fast;
        double t = (speed - slowSpeed) / (fastSpeed - slowSpeed);
        return 1 + (int)Math.Round((MaxStep - 1) * t * t);
    }
}
