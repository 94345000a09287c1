using System.Runtime.InteropServices;

namespace LatentPlayground.Files;

/// <summary>
/// fsync of a folder, which makes a rename inside it survive a power cut. .NET cannot open a folder as a
/// stream, so this goes to libc (open(2), fsync(2), close(2)).
/// </summary>
public static partial class DirectorySync
{
    /// <summary>Best effort: returns false where the platform or file system does not allow it.</summary>
    public static bool TryFlush(string folder)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            int fd = Open(folder, ReadOnlyDirectory);
            if (fd < 0)
            {
                return false;
            }

            bool synced = Fsync(fd) == 0;
            _ = Close(fd);
            return synced;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    // O_RDONLY | O_DIRECTORY | O_CLOEXEC. O_DIRECTORY is 0200000 (octal) in asm-generic/fcntl.h, which
    // x86-64 uses, but 040000 on arm (arch/arm64/include/uapi/asm/fcntl.h); O_CLOEXEC is 02000000 on both.
    private static int ReadOnlyDirectory => RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm
        ? 0x4000 | 0x80000
        : 0x10000 | 0x80000;

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
