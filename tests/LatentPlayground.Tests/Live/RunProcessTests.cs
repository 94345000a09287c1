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

        using Process run = RunProcess.StartUnderSystemd(pcms, notifyPath, "run", "--config", config);
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

        using Process run = RunProcess.Start(pcms, "run", "--config", config, "--duration", "2");
        Assert.True(run.WaitForExit(60000), "run did not end after its duration");
        string stderr = run.StandardError.ReadToEnd();

        Assert.True(run.ExitCode == 0, stderr);
        Assert.True(stderr.Contains("duration reached; faded out, drained and closed: 96512 frames,", StringComparison.Ordinal), stderr);

        // The prefill (2 x 128), 2 s rounded up to whole periods (96000), and the 10 ms fade-out (4 periods).
        Assert.Equal(256 + 96000 + 512, pcms.ReadOutput().Length);
        Assert.DoesNotContain("<6>", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_card_at_44100_plays_a_48000_model_through_the_resampler_with_the_latency_it_reports()
    {
        // The dry path takes the same round trip as the wet one, so with the mix fully dry the output is the
        // input delayed by exactly the reported wet latency, at the card's rate.
        float[] input = ModelLiveRig.DemoClip(3);
        using var pcms = new FilePcms(input);
        string preset = Path.Combine(_folder, "dry.json");
        File.WriteAllText(preset, """{ "schema": 1, "name": "Dry", "parameters": { "drywet": 0 } }""");
        string config = WriteConfig(pace: 2, rate: 44100);

        using Process run = RunProcess.Start(pcms, "run", "--config", config, "--preset", preset, "--duration", "2.5");
        Assert.True(run.WaitForExit(60000), "run did not end after its duration");
        string stderr = run.StandardError.ReadToEnd();

        Assert.True(run.ExitCode == 0, stderr);
        Assert.Contains("resampling: the card at 44100 Hz, the model at 48000 Hz", stderr, StringComparison.Ordinal);
        int at = stderr.IndexOf("wet latency ", StringComparison.Ordinal) + 12;
        int reported = int.Parse(stderr[at..stderr.IndexOf(' ', at)], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"wet latency {reported} samples (", stderr, StringComparison.Ordinal);
        Assert.Contains("at 44100 Hz) = engine ", stderr, StringComparison.Ordinal);

        // The whole output, played at 44.1 kHz: the card's frames, not the model's.
        float[] output = pcms.ReadOutput();
        Assert.Equal(256 + 110336 + 512, output.Length);
        (int lag, double residualDb) = BestAlignment(input, output, reported - 300, reported + 300);
        Assert.True(Math.Abs(lag - reported) <= 1, $"the input comes out {lag} samples later; run reported {reported}");
        Assert.True(residualDb < -30, $"the delayed input differs from the output by {residualDb:0.0} dB");
    }

    // The lag in [from, to] where the output best matches the input, and the residual there relative to the input.
    private static (int Lag, double ResidualDb) BestAlignment(float[] input, float[] output, int from, int to)
    {
        int best = from;
        double bestResidual = double.MaxValue, energy = 0;
        for (int lag = from; lag <= to; lag++)
        {
            double residual = 0, e = 0;
            for (int t = 0; t + lag < output.Length - 600 && t < input.Length; t++)
            {
                double d = output[t + lag] - input[t];
                residual += d * d;
                e += (double)input[t] * input[t];
            }

            if (residual < bestResidual)
            {
                (best, bestResidual, energy) = (lag, residual, e);
            }
        }

        return (best, 10 * Math.Log10(bestResidual / energy));
    }

    private string WriteConfig(double pace, int? rate = null)
    {
        string path = Path.Combine(_folder, "pedal.json");
        string rateField = rate is int r ? $", \"rate\": {r}" : "";
        File.WriteAllText(path, $$"""
            { "schema": 1, "capture": "{{FilePcms.CaptureName}}", "playback": "{{FilePcms.PlaybackName}}",
              "channels": 1, "format": "FLOAT_LE", "period": 128, "periods": 2, "pace": {{pace}}, "budget_ms": 30{{rateField}} }
            """);
        return path;
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
