using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Tmds.Linux;

namespace LatentPlayground.Tests.Live;

/// <summary>
/// <c>latentplayground run</c> as systemd runs it: its own process, devices chosen by ALSA_CONFIG_PATH and
/// PCM names, sd_notify to NOTIFY_SOCKET with a watchdog, stopped by SIGTERM or by --duration.
/// </summary>
[Collection(LiveTestCollection.Name)]
public sealed class RunProcessTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lp-run-proc-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Sigterm_after_ready_fades_out_drains_and_exits_0_with_watchdog_pings_while_running()
    {
        using var pcms = new FilePcms(ModelLiveRig.DemoClip(8));
        string notifyPath = Path.Combine(_folder, "notify");
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(notifyPath));
        notify.ReceiveTimeout = 30000;
        string config = WriteConfig(pace: 1);

        using Process run = Start(pcms, notifyPath, "run", "--config", config);
        var messages = new List<string>();
        Assert.StartsWith("READY=1\nSTATUS=running, wet latency 87.0 ms", Receive(notify, messages));
        while (messages.Count(m => m == "WATCHDOG=1") < 3)
        {
            Receive(notify, messages);
        }

        Assert.Equal(0, LibC.kill(run.Id, LibC.SIGTERM));
        Assert.True(run.WaitForExit(20000), "run did not stop after SIGTERM");
        string stderr = run.StandardError.ReadToEnd();

        Assert.True(run.ExitCode == 0, stderr);
        Assert.Contains("STOPPING=1\nSTATUS=stopping", Drain(notify, messages));
        Assert.True(stderr.Contains("wet latency 4176 samples (87.0 ms at 48000 Hz)", StringComparison.Ordinal), stderr);
        Assert.True(stderr.Contains("stopped by SIGTERM; faded out, drained and closed: ", StringComparison.Ordinal), stderr);

        // Every frame processed reached the file after the prefill, and it ends in the fade's silence.
        string frames = stderr[(stderr.IndexOf("drained and closed: ", StringComparison.Ordinal) + 20)..].Split(' ')[0];
        float[] output = pcms.ReadOutput();
        Assert.Equal(256 + int.Parse(frames, System.Globalization.CultureInfo.InvariantCulture), output.Length);
        Assert.Equal(0f, output[^1]);
    }

    [Fact]
    public void A_duration_run_plays_exactly_its_frames_and_exits_0()
    {
        using var pcms = new FilePcms(ModelLiveRig.DemoClip(8));
        string config = WriteConfig(pace: 4);

        using Process run = Start(pcms, null, "run", "--config", config, "--duration", "2");
        Assert.True(run.WaitForExit(60000), "run did not end after its duration");
        string stderr = run.StandardError.ReadToEnd();

        Assert.True(run.ExitCode == 0, stderr);
        Assert.True(stderr.Contains("duration reached; faded out, drained and closed: 96512 frames,", StringComparison.Ordinal), stderr);

        // The prefill (2 x 128), 2 s rounded up to whole periods (96000), and the 10 ms fade-out (4 periods).
        Assert.Equal(256 + 96000 + 512, pcms.ReadOutput().Length);
        Assert.DoesNotContain("<6>", stderr, StringComparison.Ordinal);
    }

    private string WriteConfig(double pace)
    {
        string path = Path.Combine(_folder, "pedal.json");
        File.WriteAllText(path, $$"""
            { "schema": 1, "capture": "{{FilePcms.CaptureName}}", "playback": "{{FilePcms.PlaybackName}}",
              "channels": 1, "format": "FLOAT_LE", "period": 128, "periods": 2, "pace": {{pace}}, "budget_ms": 30 }
            """);
        return path;
    }

    private static Process Start(FilePcms pcms, string? notifySocket, params string[] args)
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

    private static string Receive(Socket socket, List<string> messages)
    {
        byte[] buffer = new byte[4096];
        int n = socket.Receive(buffer);
        string message = Encoding.UTF8.GetString(buffer, 0, n);
        messages.Add(message);
        return message;
    }

    private static List<string> Drain(Socket socket, List<string> messages)
    {
        socket.ReceiveTimeout = 2000;
        try
        {
            while (true)
            {
                Receive(socket, messages);
            }
        }
        catch (SocketException)
        {
            return messages;
        }
    }
}
