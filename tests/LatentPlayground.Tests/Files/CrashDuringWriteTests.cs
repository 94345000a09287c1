using System.Diagnostics;

namespace LatentPlayground.Tests.Files;

/// <summary>
/// A crash at every step of an atomic write, on the real program with no hook in it: <c>latentplayground display</c>
/// replaces a picture under strace, which kills the process (SIGKILL, the syscall not run) at the k-th fsync, for
/// every k the write makes, and at the rename. Whatever the step, the file is the old picture or the new one, whole.
/// A kill is what a crash does to the process; what a power cut adds (unflushed pages lost) is what the fsync of the
/// temporary file before the rename, and of the folder after it, are there for.
/// </summary>
public sealed class CrashDuringWriteTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lp-crash-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_crash_at_any_step_of_a_write_leaves_the_old_file_or_the_new_one()
    {
        string target = Path.Combine(_folder, "page.png"), newer = Path.Combine(_folder, "newer.png");
        Display("home", target);
        Display("settings", newer);
        byte[] old = File.ReadAllBytes(target), updated = File.ReadAllBytes(newer);
        Assert.NotEqual(old, updated);

        // How many fsyncs the replacement makes (the temporary file's, the folder's, and any the runtime makes).
        string trace = Path.Combine(_folder, "trace.txt");
        Assert.Equal(0, Strace(["-o", trace, "-e", "trace=fsync"], "settings", target));
        int fsyncs = File.ReadAllLines(trace).Count(l => l.Contains("fsync(", StringComparison.Ordinal));
        Assert.True(fsyncs >= 2, $"{fsyncs} fsyncs: the temporary file and the folder should each have one");

        var outcomes = new List<string>();
        for (int k = 0; k <= fsyncs; k++)
        {
            File.WriteAllBytes(target, old);
            // k = 0: the rename; k > 0: the k-th fsync.
            string inject = k == 0 ? "inject=rename,renameat,renameat2:error=EIO:signal=KILL" : $"inject=fsync:error=EIO:signal=KILL:when={k}";
            int code = Strace(["-o", "/dev/null", "-e", inject], "settings", target);
            Assert.True(code is 137 or -9 or 9, $"cut {k}: exit code {code}, not killed");
            byte[] now = File.ReadAllBytes(target);
            string outcome = now.SequenceEqual(old) ? "old" : now.SequenceEqual(updated) ? "new" : "broken";
            outcomes.Add($"{(k == 0 ? "rename" : $"fsync {k}")}: {outcome}");
        }

        output.WriteLine(string.Join("; ", outcomes));
        Assert.DoesNotContain(outcomes, o => o.EndsWith("broken", StringComparison.Ordinal));
        Assert.Contains("rename: old", outcomes);
        Assert.Contains(outcomes, o => o.EndsWith("new", StringComparison.Ordinal)); // the folder's fsync comes after the rename
    }

    private static void Display(string page, string output)
    {
        (int code, _, string stderr) = CliRunner.Run("display", "--page", page, "--out", output);
        Assert.True(code == 0, stderr);
    }

    private static int Strace(string[] options, string page, string output)
    {
        var info = new ProcessStartInfo("strace") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string o in (string[])["-f", "-qq", .. options, Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
            Path.Combine(AppContext.BaseDirectory, "latentplayground.dll"), "display", "--page", page, "--out", output])
        {
            info.ArgumentList.Add(o);
        }

        using Process p = Process.Start(info)!;
        _ = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(120_000), "strace did not end");
        return p.ExitCode;
    }
}
