using System.Globalization;
using Tmds.Linux;

namespace LatentPlayground.Live;

/// <summary>
/// Whether standard error goes straight to journald. systemd sets JOURNAL_STREAM to the stream's
/// "device:inode" (systemd.exec(5)); comparing it with fstat(2) of fd 2 tells a service's own stderr from a
/// child's redirected one or a shell started from the service, which inherit the variable but not the stream.
/// Thread: any non-real-time thread.
/// </summary>
public static class JournalStream
{
    public static bool IsStandardError() =>
        Matches(Environment.GetEnvironmentVariable("JOURNAL_STREAM"), StandardErrorIdentity());

    /// <summary>True when <paramref name="journalStream"/> ("dev:ino", decimal) names <paramref name="identity"/>.</summary>
    public static bool Matches(string? journalStream, (ulong Device, ulong Inode)? identity)
    {
        if (journalStream is null || identity is null)
        {
            return false;
        }

        string[] parts = journalStream.Split(':');
        return parts.Length == 2
            && ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out ulong device)
            && ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out ulong inode)
            && (device, inode) == identity.Value;
    }

    /// <summary>fstat(2) of fd 2: its device and inode, or null where that cannot be read.</summary>
    public static unsafe (ulong Device, ulong Inode)? StandardErrorIdentity()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        stat buffer;
        return LibC.fstat(2, &buffer) == 0 ? ((ulong)buffer.st_dev, (ulong)buffer.st_ino) : null;
    }
}
