using LatentPlayground.Audio.Live.Native;

namespace LatentPlayground.Audio.Live;

/// <summary>
/// Nanoseconds on CLOCK_MONOTONIC and sleeps against it. The pacer and the inference thread's idle sleep
/// use it because a sleep to an absolute deadline neither drifts nor rounds to milliseconds.
/// Thread: any (a real-time thread may sleep here: that is its wait for the next period); allocation-free.
/// </summary>
public static class MonotonicClock
{
    private const long NanosPerSecond = 1_000_000_000;

    /// <summary>Thread: any. Now, in nanoseconds since an arbitrary fixed point.</summary>
    public static long NowNanoseconds()
    {
        _ = ClockNative.ClockGetTime(ClockNative.ClockMonotonic, out ClockNative.TimeSpec now);
        return (now.Seconds * NanosPerSecond) + now.Nanoseconds;
    }

    /// <summary>Thread: any. Sleeps until <paramref name="deadline"/> (from <see cref="NowNanoseconds"/>); returns at once if it has passed.</summary>
    public static void SleepUntil(long deadline)
    {
        var request = new ClockNative.TimeSpec
        {
            Seconds = (nint)(deadline / NanosPerSecond),
            Nanoseconds = (nint)(deadline % NanosPerSecond),
        };

        // An absolute deadline survives interruption unchanged: just sleep again.
        while (ClockNative.ClockNanoSleep(ClockNative.ClockMonotonic, ClockNative.TimerAbsTime, request, 0) == ClockNative.EIntr)
        {
        }
    }

    /// <summary>Thread: any. Sleeps for <paramref name="nanoseconds"/>.</summary>
    public static void Sleep(long nanoseconds) => SleepUntil(NowNanoseconds() + nanoseconds);
}
