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

    private static Process Start(FilePcms pcms, string? notifySocket, string[] args)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
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

        return Process.Start(info)!;
    }
}
