using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Tmds.Linux;

namespace LatentPlayground.Files;

/// <summary>
/// Every file the program reads as input comes through here: it must be a regular file (a FIFO would block
/// forever, /dev/zero never ends, a folder is not a file) and no larger than its caller allows, so no input can
/// hang a command, exhaust memory or stall the pedal at boot. Opened non-blocking and checked with fstat on
/// the descriptor itself, so a file swapped for a FIFO between a check and the open cannot block either.
/// Thread: any non-real-time thread (allocates, blocks on disk I/O).
/// </summary>
public static class InputFile
{
    /// <summary>Presets, settings, configuration and map files: far above any real one.</summary>
    public const long SmallJsonLimit = 1 << 20;

    /// <summary>Model manifests and reference vectors.</summary>
    public const long ManifestLimit = 64L << 20;

    /// <summary>Opens a regular file for reading; throws <see cref="InputFileException"/> for anything else.</summary>
    /// <param name="path">As the user gave it (messages name it so).</param>
    /// <param name="maxBytes">The largest file the caller will take.</param>
    /// <param name="what">What the file is for, in messages: "preset", "WAV input".</param>
    public static unsafe FileStream OpenRegular(string path, long maxBytes, string what = "file")
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            throw new InputFileException(path, $"an empty path where a {what} was expected");
        }

        if (!OperatingSystem.IsLinux())
        {
            return OpenPortable(path, maxBytes, what);
        }

        byte[] name = Encoding.UTF8.GetBytes(path + "\0");
        int fd;
        fixed (byte* p = name)
        {
            fd = LibC.open(p, LibC.O_RDONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC, default);
        }

        if (fd < 0)
        {
            throw new InputFileException(path, OpenProblem(LibC.errno));
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            FileNode node = FileNode.OfDescriptor(fd);
            if (node.Kind != FileKind.Regular)
            {
                throw new InputFileException(path, node.Kind == FileKind.Directory ? "is a folder, not a file" : $"{node.Kind.Describe()}, not a regular file");
            }

            if (node.Size > maxBytes)
            {
                throw new InputFileException(path, $"{Size(node.Size)}, more than the {Size(maxBytes)} a {what} may be");
            }

            return new FileStream(handle, FileAccess.Read, 1 << 12);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>The whole file, bounded: also stops at the limit should the file grow while it is read.</summary>
    public static byte[] ReadAllBytes(string path, long maxBytes, string what = "file")
    {
        using FileStream stream = OpenRegular(path, maxBytes, what);
        try
        {
            using var memory = new MemoryStream((int)Math.Min(stream.Length, maxBytes));
            byte[] block = new byte[1 << 16];
            int n;
            while ((n = stream.Read(block, 0, block.Length)) > 0)
            {
                if (memory.Length + n > maxBytes)
                {
                    throw new InputFileException(path, $"grew past the {Size(maxBytes)} a {what} may be while it was read");
                }

                memory.Write(block, 0, n);
            }

            return memory.ToArray();
        }
        catch (IOException e) when (e is not InputFileException)
        {
            throw new InputFileException(path, $"read failed: {e.Message}");
        }
    }

    /// <summary>The whole file as text (UTF-8, a byte-order mark honoured), bounded.</summary>
    public static string ReadAllText(string path, long maxBytes, string what = "file")
    {
        byte[] bytes = ReadAllBytes(path, maxBytes, what);
        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>"1.0 MiB", "512 bytes".</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GiB"),
        >= 1 << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1 << 20):0.0} MiB"),
        >= 1 << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };

    private static string OpenProblem(int errno)
    {
        if (errno == LibC.ENOENT)
        {
            return "no such file";
        }

        if (errno == LibC.EACCES || errno == LibC.EPERM)
        {
            return "permission denied";
        }

        if (errno == LibC.ENAMETOOLONG)
        {
            return "the path is too long";
        }

        if (errno == LibC.ENOTDIR)
        {
            return "a part of the path is not a folder";
        }

        if (errno == LibC.ELOOP)
        {
            return "too many levels of symbolic links";
        }

        if (errno == LibC.ENXIO)
        {
            return "a device or socket with nothing behind it, not a regular file";
        }

        return $"cannot be opened: {Marshal.GetPInvokeErrorMessage(errno)}";
    }

    private static FileStream OpenPortable(string path, long maxBytes, string what)
    {
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 12);
            if (stream.Length > maxBytes)
            {
                stream.Dispose();
                throw new InputFileException(path, $"{Size(stream.Length)}, more than the {Size(maxBytes)} a {what} may be");
            }

            return stream;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not InputFileException)
        {
            throw new InputFileException(path, e.Message);
        }
    }
}
