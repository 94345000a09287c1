using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.InteropServices;
using LatentPlayground.Audio.Realtime.Native;
using Tmds.Linux;

namespace LatentPlayground.Audio.Realtime;

/// <summary>
/// Puts the calling thread on SCHED_FIFO and on one core. Each call answers whether it worked and, when
/// not, why, in words fit for a log. Thread: the thread to change, at its start; allocates only on failure.
/// </summary>
public static class ThreadScheduling
{
    /// <summary>
    /// pthread_setschedparam(pthread_self(), SCHED_FIFO, priority). Needs CAP_SYS_NICE or an RLIMIT_RTPRIO
    /// of at least <paramref name="priority"/> (sched(7)).
    /// </summary>
    public static bool TrySetFifoPriority(int priority, [NotNullWhen(false)] out string? problem)
    {
        if (!OperatingSystem.IsLinux())
        {
            problem = "SCHED_FIFO exists on Linux only";
            return false;
        }

        int min = LibC.sched_get_priority_min(LibC.SCHED_FIFO);
        int max = LibC.sched_get_priority_max(LibC.SCHED_FIFO);
        if (priority < min || priority > max)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"SCHED_FIFO priority {priority} is outside {min}–{max}");
            return false;
        }

        int err = PThread.SetSchedParam(PThread.Self(), LibC.SCHED_FIFO, new PThread.SchedParam { SchedPriority = priority });
        if (err == 0)
        {
            problem = null;
            return true;
        }

        problem = err == LibC.EPERM
            ? string.Create(CultureInfo.InvariantCulture, $"SCHED_FIFO priority {priority} is not permitted ({Marshal.GetPInvokeErrorMessage(err)}): it needs CAP_SYS_NICE or an RLIMIT_RTPRIO of at least {priority}, and RLIMIT_RTPRIO is {ResourceLimits.Describe(ResourceLimits.Soft(ResourceLimits.RlimitRtprio))} (systemd: LimitRTPRIO={priority}; shell: ulimit -r {priority})")
            : string.Create(CultureInfo.InvariantCulture, $"SCHED_FIFO priority {priority} failed: {Marshal.GetPInvokeErrorMessage(err)} (errno {err})");
        return false;
    }

    /// <summary>sched_setaffinity(0, …) with one core: the calling thread runs on <paramref name="core"/> only.</summary>
    public static unsafe bool TryPinToCore(int core, [NotNullWhen(false)] out string? problem)
    {
        if (!OperatingSystem.IsLinux())
        {
            problem = "CPU affinity is set on Linux only";
            return false;
        }

        int setSize = LibC.CPU_SETSIZE;
        if (core < 0 || core >= setSize)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"core {core} is outside 0–{setSize - 1}, the cores a cpu_set_t can name");
            return false;
        }

        cpu_set_t set;
        LibC.CPU_ZERO(&set);
        LibC.CPU_SET(core, &set);

        // pid 0 is the calling thread: affinity is per thread on Linux (sched_setaffinity(2)).
        if (LibC.sched_setaffinity(0, sizeof(cpu_set_t), &set) == 0)
        {
            problem = null;
            return true;
        }

        int errno = LibC.errno;
        problem = errno == LibC.EINVAL
            ? string.Create(CultureInfo.InvariantCulture, $"core {core} is not one this process may run on (this machine has {Environment.ProcessorCount} it may use)")
            : string.Create(CultureInfo.InvariantCulture, $"pinning to core {core} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
        return false;
    }
}
