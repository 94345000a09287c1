using System.Runtime.InteropServices;

namespace LatentPlayground.Midi.Tests.Input;

/// <summary>What the input tests need from libc: FIFOs and pseudo-terminals to stand in for devices.</summary>
internal static unsafe partial class Posix
{
    private const int ORdWr = 2;
    private const int ONoCtty = 0x100;

    public static void MakeFifo(string path)
    {
        if (MkFifo(path, Convert.ToUInt32("600", 8)) != 0)
        {
            throw new IOException($"mkfifo {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
    }

    /// <summary>Opens a new pseudo-terminal; returns the master descriptor and the slave's path.</summary>
    public static (int Master, string SlavePath) OpenPty()
    {
        int master = PosixOpenPt(ORdWr | ONoCtty);
        if (master < 0 || GrantPt(master) != 0 || UnlockPt(master) != 0)
        {
            throw new IOException($"openpty: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        byte* name = stackalloc byte[128];
        if (PtsNameR(master, name, 128) != 0)
        {
            throw new IOException("ptsname_r failed");
        }

        return (master, Marshal.PtrToStringUTF8((nint)name)!);
    }

    public static void WriteAll(int fd, byte[] bytes)
    {
        fixed (byte* p = bytes)
        {
            if (Write(fd, p, (nuint)bytes.Length) != bytes.Length)
            {
                throw new IOException($"write: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            }
        }
    }

    public static int OpenReadOnly(string path) => Open(path, ONoCtty);

    [LibraryImport("libc", EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MkFifo(string path, uint mode);

    [LibraryImport("libc", EntryPoint = "posix_openpt", SetLastError = true)]
    private static partial int PosixOpenPt(int flags);

    [LibraryImport("libc", EntryPoint = "grantpt", SetLastError = true)]
    private static partial int GrantPt(int fd);

    [LibraryImport("libc", EntryPoint = "unlockpt", SetLastError = true)]
    private static partial int UnlockPt(int fd);

    [LibraryImport("libc", EntryPoint = "ptsname_r", SetLastError = true)]
    private static partial int PtsNameR(int fd, byte* buffer, nuint length);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);
}
