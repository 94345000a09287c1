using Tmds.Linux;

namespace LatentPlayground.Tests.Live;

/// <summary><c>latentplayground run</c> in-process: refusals before any audio, and a short run on ALSA's null PCM.</summary>
[Collection(LiveTestCollection.Name)]
public sealed class RunCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lp-run-cmd-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("--period 5", "latentplayground: --period: 5 is out of range 16..4096")]
    [InlineData("--periods 99", "latentplayground: --periods: 99 is out of range 2..32")]
    [InlineData("--pace fast", "latentplayground: --pace: \"fast\" is not a pace")]
    [InlineData("--duration 0", "latentplayground: --duration: 0 is out of range 0.001..10000000")]
    [InlineData("--budget-ms 1 --period 96 --capture null --playback null", "latentplayground: --budget-ms: 1 ms is below one period (2 ms): with a hop of 2048, not a whole number of 96-frame periods, every hop would be late")]
    [InlineData("--budget-ms soon", "latentplayground: --budget-ms: \"soon\" is not a budget: use \"auto\" (measured per model) or a number of milliseconds")]
    [InlineData("--rate 44101 --capture null --playback null", "latentplayground: --rate: the card runs at 44101 Hz and the model at 48000 Hz, which have no small ratio to resample by")]
    [InlineData("--capture lp_no_such_pcm --playback null", "latentplayground: ALSA capture PCM 'lp_no_such_pcm'")]
    [InlineData("--model /nonexistent/model --capture null", "latentplayground: /nonexistent/model")]
    public void Bad_settings_are_one_line_and_exit_code_2(string args, string expected)
    {
        (int code, string stdout, string stderr) = CliRunner.Run(["run", .. args.Split(' ')]);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.StartsWith(expected, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public void A_bad_config_file_names_the_file_and_the_field()
    {
        string path = Path.Combine(_folder, "pedal.json");
        File.WriteAllText(path, """{ "period": 128, "periods": "two" }""");

        (int code, _, string stderr) = CliRunner.Run("run", "--config", path);

        Assert.Equal(2, code);
        Assert.Equal($"latentplayground: {path}: periods: must be a whole number, not \"two\"", stderr.Trim());
    }

    [Fact]
    public void Options_override_the_config_file_and_are_named_as_options()
    {
        string path = Path.Combine(_folder, "pedal.json");
        File.WriteAllText(path, """{ "period": 96, "budget_ms": 1 }""");

        // The file's budget is too small for its period; the command line's is fine but its period is not.
        (int code1, _, string stderr1) = CliRunner.Run("run", "--config", path, "--capture", "null", "--playback", "null");
        (int code2, _, string stderr2) = CliRunner.Run("run", "--config", path, "--budget-ms", "40", "--period", "8");

        Assert.Equal((2, 2), (code1, code2));
        Assert.StartsWith($"latentplayground: {path}: budget_ms: 1 ms is below one period", stderr1, StringComparison.Ordinal);
        Assert.Equal("latentplayground: --period: 8 is out of range 16..4096", stderr2.Trim());
    }

    [Theory]
    [InlineData(480000, 2.0, true)]
    [InlineData(96000, 2.0, false)]
    [InlineData(100000, 2.0, false)]
    public void A_device_running_far_faster_than_real_time_is_named(long frames, double seconds, bool warned)
    {
        string? warning = LatentPlayground.Live.SessionMonitor.PaceWarning(frames, 48000, seconds);

        Assert.Equal(warned, warning is not null);
        if (warned)
        {
            Assert.StartsWith("the capture device delivers audio 5x faster than real time", warning, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_short_run_on_the_null_pcm_reports_the_latency_and_ends_cleanly()
    {
        try
        {
            (int code, string stdout, string stderr) = CliRunner.Run("run", "--capture", "null", "--playback", "null", "--pace", "4", "--duration", "1.5", "--period", "256", "--budget-ms", "30");

            Assert.True(code == 0, stderr);
            Assert.Equal("", stdout);
            Assert.Contains("wet latency 4432 samples (92.3 ms at 48000 Hz) = hop 2048 + budget 1440 + model 368 + limiter 64 + ALSA buffer 512 (2 x 256); held constant while running", stderr, StringComparison.Ordinal);
            Assert.Contains("pace: paced by the monotonic clock at 4x real time", stderr, StringComparison.Ordinal);
            Assert.Contains("duration reached; faded out, drained and closed: ", stderr, StringComparison.Ordinal);
            Assert.Contains("lp-audio thread: ", stderr, StringComparison.Ordinal);
            Assert.StartsWith($"latentplayground run: pid {Environment.ProcessId}, config (none: defaults and options)", stderr, StringComparison.Ordinal);
        }
        finally
        {
            // run locks the process's memory, as the pedal should; a test host need not stay locked.
            _ = LibC.munlockall();
        }
    }
}
