using LatentPlayground.Audio.Realtime;
using LatentPlayground.Audio.Tests.Alsa;
using Tmds.Linux;

namespace LatentPlayground.Audio.Tests.Realtime;

/// <summary>mlockall is process-wide, so these run alone and undo what they did.</summary>
[Collection(RunAloneCollection.Name)]
public sealed class MemoryLockTests
{
    [Fact]
    public void Locking_succeeds_or_says_why_not()
    {
        MemoryLockResult result = MemoryLock.TryLockAll();
        try
        {
            Assert.StartsWith(result.Locked ? "memory locked (mlockall MCL_CURRENT|MCL_FUTURE|MCL_ONFAULT)" : "memory not locked (", result.Message, StringComparison.Ordinal);
            if (result.Locked)
            {
                Assert.Contains("VmLck:", File.ReadAllText("/proc/self/status"), StringComparison.Ordinal);
                Assert.DoesNotContain("VmLck:\t       0 kB", File.ReadAllText("/proc/self/status"), StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains("CAP_IPC_LOCK", result.Message, StringComparison.Ordinal);
            }
        }
        finally
        {
            _ = LibC.munlockall();
        }
    }

    // .NET maps far more than a few megabytes, so with a finite limit and no CAP_IPC_LOCK, MCL_CURRENT fails.
    [LimitedFact(nameof(ProcessLimits.LockedMemory), mustBeBelow: 1L << 40)]
    public void Without_CAP_IPC_LOCK_the_message_names_the_limit_and_the_fix()
    {
        MemoryLockResult? result = null;

        ThreadCapabilities.RunWithout(ThreadCapabilities.CapIpcLock, () => result = MemoryLock.TryLockAll());

        Assert.False(result!.Locked);
        Assert.Matches(@"^memory not locked \((Cannot allocate memory|Operation not permitted)\): .*RLIMIT_MEMLOCK.*\. Audio may drop out on a page fault; run with CAP_IPC_LOCK, or LimitMEMLOCK=infinity in the systemd unit\.$", result.Message);
        Assert.Contains($"{ProcessLimits.LockedMemory} bytes", result.Message, StringComparison.Ordinal);
    }
}
