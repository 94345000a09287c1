using System.Diagnostics;

namespace LatentPlayground.Tests.Live;

/// <summary>
/// <c>latentplayground run --sim</c> in its own process as a player starts it, with its bank and state in
/// <paramref name="folder"/>, standard input open for the simulator's keys, stdout and stderr redirected.
/// </summary>
internal static class SimProcess
{
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
