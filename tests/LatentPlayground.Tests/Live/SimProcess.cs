using System.Diagnostics;
using System.Text.RegularExpressions;

namespace LatentPlayground.Tests.Live;

/// <summary>
/// <c>latentplayground run --sim</c> in its own process as a player starts it, with its bank and state in
/// <paramref name="folder"/>, standard input open for the simulator's keys, stdout and stderr redirected.
/// </summary>
internal static partial class SimProcess
{
    /// <summary>
    /// Runs <c>run --sim</c> with <paramref name="args"/>, types <paramref name="keys"/> into the simulator, waits for
    /// the run's end (90 s at most), asserts it exited 0 without a failed control tick, and returns its log (stderr).
    /// </summary>
    public static async Task<string> PlayAsync(string folder, string keys, params string[] args)
    {
        using Process run = Start(folder, args);
        Task<string> stdout = run.StandardOutput.ReadToEndAsync();
        Task<string> stderr = run.StandardError.ReadToEndAsync();
        await run.StandardInput.WriteAsync(keys);
        run.StandardInput.Close();
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(90)), "run --sim did not stop after its duration");
        _ = await stdout;
        string errors = await stderr;
        Assert.True(run.ExitCode == 0, errors);
        Assert.DoesNotContain("control tick failed", errors, StringComparison.Ordinal);
        return errors;
    }

    /// <summary>The run's closing counters say no late hop and 0 B allocated on the audio and inference threads.</summary>
    public static void AssertRealTimeClean(string log)
    {
        Match end = FinalCounters().Match(log);
        Assert.True(end.Success, log);
        Assert.Equal(("0", "0", "0"), (end.Groups["late"].Value, end.Groups["audio"].Value, end.Groups["inference"].Value));
    }

    [GeneratedRegex(@"late hops (?<late>\d+), skipped hops \d+, xruns \d+;.*allocated audio (?<audio>\d+) B, inference (?<inference>\d+) B", RegexOptions.Multiline)]
    private static partial Regex FinalCounters();

    public static Process Start(string folder, params string[] args)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "latentplayground.dll"));
        info.ArgumentList.Add("run");
        info.ArgumentList.Add("--sim");
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["LATENTPLAYGROUND_BANK"] = Path.Combine(folder, "bank");
        info.Environment["STATE_DIRECTORY"] = Path.Combine(folder, "state");
        info.Environment.Remove("NOTIFY_SOCKET");
        info.Environment.Remove("JOURNAL_STREAM");
        return Process.Start(info)!;
    }
}
