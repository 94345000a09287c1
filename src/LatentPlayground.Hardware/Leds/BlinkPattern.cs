namespace LatentPlayground.Hardware.Leds;

/// <summary>
/// A repeating on/off rhythm for warnings: durations alternating lit, dark, lit, dark, …, starting lit.
/// Immutable. Thread: any.
/// </summary>
public sealed class BlinkPattern
{
    private readonly TimeSpan[] _segments;

    /// <summary>
    /// A pattern of <paramref name="segments"/>: an even number of positive durations, lit first.
    ///  Thread: any.</summary>
    public BlinkPattern(params TimeSpan[] segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        if (segments.Length == 0 || segments.Length % 2 != 0)
        {
            throw new ArgumentException("a pattern is pairs of lit and dark durations", nameof(segments));
        }

        foreach (TimeSpan s in segments)
        {
            if (s <= TimeSpan.Zero)
            {
                throw new ArgumentException("every duration must be positive", nameof(segments));
            }
        }

        _segments = (TimeSpan[])segments.Clone();
        foreach (TimeSpan s in _segments)
        {
            Period += s;
        }
    }

    /// <summary>Two quick flashes a second (80 ms lit, 120 ms dark, 80 ms lit, 720 ms dark): something needs attention (late hops, a bad file).</summary>
    public static BlinkPattern Warning { get; } = new(Ms(80), Ms(120), Ms(80), Ms(720));

    /// <summary>Fast even blinking, 8 per second: a fault (no audio device, model failed to load).</summary>
    public static BlinkPattern Fault { get; } = new(Ms(62.5), Ms(62.5));

    /// <summary>The length of one repetition.</summary>
    public TimeSpan Period { get; }

    /// <summary>Whether the LED is lit <paramref name="elapsed"/> after the pattern started. Thread: any.</summary>
    public bool IsLit(TimeSpan elapsed)
    {
        if (elapsed < TimeSpan.Zero)
        {
            return false;
        }

        long t = elapsed.Ticks % Period.Ticks;
        for (int i = 0; i < _segments.Length; i++)
        {
            t -= _segments[i].Ticks;
            if (t < 0)
            {
                return i % 2 == 0;
            }
        }

        return false;
    }

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);
}
