using System.Diagnostics;

namespace LatentPlayground.Tests.Hostile;

/// <summary>
/// A small tmpfs mounted for a test: a real full disk (ENOSPC from the kernel, not a simulated throw). Needs the
/// right to mount (root in the CI container); <see cref="FullDiskFactAttribute"/> skips the test where it is
/// missing, probed by mounting one.
/// </summary>
internal sealed class FullDisk : IDisposable
{
    private FullDisk(string path) => Path = path;

    public string Path { get; }

    public static FullDisk? TryMount(int kilobytes)
    {
        string path = Directory.CreateTempSubdirectory("lp-full-disk-").FullName;
        if (Run("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k", "tmpfs", path) == 0)
        {
            return new FullDisk(path);
        }

        Directory.Delete(path);
        return null;
    }

    public void Dispose()
    {
        _ = Run("umount", Path);
        Directory.Delete(Path, recursive: true);
    }

    private static int Run(string tool, params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardError = true };
            foreach (string a in args)
            {
                info.ArgumentList.Add(a);
            }

            using Process p = Process.Start(info)!;
            p.StandardError.ReadToEnd();
            p.WaitForExit(10_000);
            return p.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}

/// <summary>A test that needs to mount a tmpfs; skipped where this process may not.</summary>
internal sealed class FullDiskFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> CanMount = new(() =>
    {
        using FullDisk? disk = FullDisk.TryMount(64);
        return disk is not null;
    });

    public FullDiskFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || !CanMount.Value)
        {
            Skip = "this process may not mount a tmpfs (not root, or no CAP_SYS_ADMIN)";
        }
    }
}
