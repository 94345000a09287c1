using System.Runtime.InteropServices;

namespace LatentPlayground.Output;

/// <summary>The three libc calls needed to fsync a folder (open(2), fsync(2), close(2)).</summary>
internal static partial class FolderSync
{
    /// <summary>O_RDONLY | O_DIRECTORY | O_CLOEXEC. O_DIRECTORY is 0200000 (octal) in asm-generic/fcntl.h, used by x86-64, but 040000 on arm64 (arch/arm64/include/uapi/asm/fcntl.h); O_CLOEXEC is 02000000 on both.</summary>
    public static int ReadOnlyDirectory => RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm
        ? 0x4000 | 0x80000
        : 0x10000 | 0x80000;

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    public static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);
}
