using System.Diagnostics;

namespace LatentPlayground.Midi.Input;

/// <summary>
/// The default <see cref="IMonotonicClock"/>: <see cref="Stopwatch"/> ticks, CLOCK_MONOTONIC on Linux, so a
/// wall-clock step (NTP, a user setting the date) never bends a tempo. Thread: any.
/// </summary>
public sealed class StopwatchClock : IMonotonicClock
{
    public static readonly StopwatchClock Instance = new();

    /// <summary>Seconds since an arbitrary origin (boot). Thread: any.</summary>
    public double Seconds => Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
}
