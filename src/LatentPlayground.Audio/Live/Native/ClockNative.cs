using System.Runtime.InteropServices;

namespace LatentPlayground.Audio.Live.Native;

/// <summary>
/// clock_gettime(2) and clock_nanosleep(2) on CLOCK_MONOTONIC, which Tmds.LibC does not bind. Thread.Sleep
/// rounds to milliseconds, far too coarse for pacing 1.3 ms periods; these take nanoseconds and an absolute
/// deadline, so a paced loop never accumulates the error of relative sleeps.
/// Thread: any; allocation-free.
/// </summary>
internal static partial class ClockNative
{
    /// <summary>CLOCK_MONOTONIC (linux/time.h): never jumps with the wall clock.</summary>
    public const int ClockMonotonic = 1;

    /// <summary>TIMER_ABSTIME: the request is a deadline, not a duration.</summary>
    public const int TimerAbsTime = 1;

    /// <summary>EINTR: a signal (the runtime's own, or SIGTERM) cut the sleep short.</summary>
    public const int EIntr = 4;

    /// <summary>struct timespec: time_t and long, both the machine's word on the 64-bit targets (x86-64, arm64).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct TimeSpec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    public static partial int ClockGetTime(int clock, out TimeSpec now);

    /// <summary>Returns 0 or an error number (not errno), per POSIX.</summary>
    [LibraryImport("libc", EntryPoint = "clock_nanosleep")]
    public static partial int ClockNanoSleep(int clock, int flags, in TimeSpec request, nint remain);
}
