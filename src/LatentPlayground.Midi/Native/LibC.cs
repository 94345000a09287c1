using System.Runtime.InteropServices;

namespace LatentPlayground.Midi.Native;

/// <summary>
/// The few libc calls the MIDI inputs need. Constants are Linux's on x86-64 and arm64 (asm-generic), the two
/// targets of the pedal and its development machines. Thread: any; each call is independent.
/// </summary>
internal static unsafe partial class LibC
{
    public const int ORdOnly = 0;
    public const int ONoCtty = 0x100;
    public const int ONonBlock = 0x800;
    public const int OCloExec = 0x80000;

    public const short PollIn = 0x001;
    public const short PollErr = 0x008;
    public const short PollHup = 0x010;
    public const short PollNval = 0x020;

    public const int EIntr = 4;
    public const int EAgain = 11;

    private const string Library = "libc";

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);

    [LibraryImport(Library, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, void* argument);

    /// <summary>The message of an errno value, e.g. "No such device". Thread: any.</summary>
    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}
