using System.Globalization;
using System.Runtime.InteropServices;
using LatentPlayground.Audio.Realtime.Native;
using Tmds.Linux;

namespace LatentPlayground.Audio.Realtime;

/// <summary>
/// mlockall(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT): no page the process has touched, or touches later,
/// is ever swapped or dropped, so the audio thread never waits on a page fault to disk. MCL_ONFAULT
/// (Linux 4.4) locks pages as they are first touched instead of faulting in every mapping at once,
/// which matters for .NET, whose GC reserves far more address space than it uses. The MCL_* values come
/// from Tmds.LibC's per-architecture builds (1, 2, 4 on x86-64 and arm64: asm-generic/mman-common.h).
/// Thread: any; call once at startup.
/// </summary>
public static class MemoryLock
{
    public static MemoryLockResult TryLockAll()
    {
        if (!OperatingSystem.IsLinux())
        {
            return new MemoryLockResult(false, "memory not locked: mlockall exists on Linux only");
        }

        int flags = LibC.MCL_CURRENT | LibC.MCL_FUTURE | LibC.MCL_ONFAULT;
        if (LibC.mlockall(flags) == 0)
        {
            return new MemoryLockResult(true, "memory locked (mlockall MCL_CURRENT|MCL_FUTURE|MCL_ONFAULT): pages stay in RAM once touched");
        }

        int errno = LibC.errno;
        string limit = ResourceLimits.Describe(ResourceLimits.Soft(ResourceLimits.RlimitMemlock));

        // mlock(2): EPERM when RLIMIT_MEMLOCK is 0 without CAP_IPC_LOCK; ENOMEM when MCL_CURRENT would lock
        // more than RLIMIT_MEMLOCK allows; EINVAL on kernels without MCL_ONFAULT.
        string why = errno switch
        {
            _ when errno == LibC.EPERM => $"it needs CAP_IPC_LOCK or a non-zero RLIMIT_MEMLOCK, and RLIMIT_MEMLOCK is {limit} bytes",
            _ when errno == LibC.ENOMEM => $"the process maps more than RLIMIT_MEMLOCK ({limit} bytes) allows without CAP_IPC_LOCK",
            _ when errno == LibC.EINVAL => "this kernel does not know MCL_ONFAULT (Linux 4.4 or later has it)",
            _ => string.Create(CultureInfo.InvariantCulture, $"errno {errno}"),
        };
        return new MemoryLockResult(
            false,
            $"memory not locked ({Marshal.GetPInvokeErrorMessage(errno)}): {why}. Audio may drop out on a page fault; run with CAP_IPC_LOCK, or LimitMEMLOCK=infinity in the systemd unit.");
    }
}
