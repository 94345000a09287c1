using System.Runtime.InteropServices;

namespace LatentPlayground.Audio.Tests.Realtime;

/// <summary>
/// Drops a capability from the calling thread's effective set with capset(2). Credentials are per thread
/// on Linux and copied to the threads it creates, so a helper thread can lose CAP_SYS_NICE or CAP_IPC_LOCK
/// and start the code under test without it, leaving the rest of the test process untouched.
/// </summary>
internal static unsafe partial class ThreadCapabilities
{
    public const int CapIpcLock = 14;
    public const int CapSysNice = 23;

    // _LINUX_CAPABILITY_VERSION_3: two 32-bit words per set (include/uapi/linux/capability.h).
    private const uint Version3 = 0x20080522;

    /// <summary>Runs <paramref name="action"/> on a fresh thread that lacks <paramref name="capability"/>.</summary>
    public static void RunWithout(int capability, Action action)
    {
        Exception? fault = null;
        var thread = new Thread(() =>
        {
            try
            {
                DropEffective(capability);
                action();
            }
            catch (Exception e)
            {
                fault = e;
            }
        });
        thread.Start();
        thread.Join();
        if (fault is not null)
        {
            throw new InvalidOperationException("the capability-less thread failed", fault);
        }
    }

    private static void DropEffective(int capability)
    {
        Header header = new() { Version = Version3, Pid = 0 };
        Data* data = stackalloc Data[2];
        if (CapGet(&header, data) != 0)
        {
            throw new InvalidOperationException($"capget failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        data[capability / 32].Effective &= ~(1u << (capability % 32));
        if (CapSet(&header, data) != 0)
        {
            throw new InvalidOperationException($"capset failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Header
    {
        public uint Version;
        public int Pid;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Data
    {
        public uint Effective;
        public uint Permitted;
        public uint Inheritable;
    }

    [LibraryImport("libc", EntryPoint = "capget", SetLastError = true)]
    private static partial int CapGet(Header* header, Data* data);

    [LibraryImport("libc", EntryPoint = "capset", SetLastError = true)]
    private static partial int CapSet(Header* header, Data* data);
}
