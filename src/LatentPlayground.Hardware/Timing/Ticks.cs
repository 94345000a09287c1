namespace LatentPlayground.Hardware.Timing;

/// <summary>
/// Durations in the units of a <see cref="TimeProvider"/>'s timestamps. The drivers keep time as raw
/// timestamps (<see cref="TimeProvider.GetTimestamp"/>) so a fake clock in tests and the real monotonic clock
/// on the pedal run exactly the same arithmetic.
/// </summary>
internal static class Ticks
{
    /// <summary>The duration in timestamp ticks of <paramref name="clock"/>, rounded to the nearest tick. Thread: any.</summary>
    public static long From(TimeSpan duration, TimeProvider clock) =>
        (long)Math.Round(duration.TotalSeconds * clock.TimestampFrequency);

    /// <summary>The number of timestamp ticks as a <see cref="TimeSpan"/>. Thread: any.</summary>
    public static TimeSpan ToTimeSpan(long ticks, TimeProvider clock) =>
        TimeSpan.FromSeconds((double)ticks / clock.TimestampFrequency);
}
