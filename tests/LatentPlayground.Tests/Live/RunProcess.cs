using System.Diagnostics;

namespace LatentPlayground.Tests.Live;

/// <summary><c>latentplayground</c> in its own process, its PCMs chosen by ALSA_CONFIG_PATH, stderr and stdout redirected.</summary>
internal static class RunProcess
{
    public static Process Start(FilePcms pcms, params string[] args) => Start(pcms, null, args);

    /// <summary>As systemd starts it: sd_notify to <paramref name="notifySocket"/>, a 400 ms watchdog.</summary>
    /// <remarks>A name of its own: as an overload of <see cref="Start(FilePcms, string[])"/> a string socket
    /// would swallow the command's first argument.</remarks>
    public static Process StartUnderSystemd(FilePcms pcms, string notifySocket, params string[] args) => Start(pcms, notifySocket, args);

    /// <summary>With standard input to write to (the simulator's keys) and extra environment variables.</summary>
    public static Process StartWithInput(FilePcms pcms, IReadOnlyDictionary<string, string> environment, params string[] args) => Start(pcms, null, args, environment);

    private static Process Start(FilePcms pcms, string? notifySocket, string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = environment is not null,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "latentplayground.dll"));
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["ALSA_CONFIG_PATH"] = pcms.ConfigPath;
        info.Environment.Remove("NOTIFY_SOCKET");
        info.Environment.Remove("JOURNAL_STREAM");
        if (notifySocket is not null)
        {
            info.Environment["NOTIFY_SOCKET"] = notifySocket;
            info.Environment["WATCHDOG_USEC"] = "400000";
        }

        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return Process.Start(info)!;
    }
}
