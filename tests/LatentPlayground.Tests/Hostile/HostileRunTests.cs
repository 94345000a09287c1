using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using LatentPlayground.Files;
using LatentPlayground.Tests.Live;

namespace LatentPlayground.Tests.Hostile;

/// <summary>
/// <c>run</c> as the pedal runs it, its own process over ALSA file PCMs, with a poisoned preset bank (a FIFO, a link to
/// /dev/zero, random bytes, a 2 GiB sparse file and a folder, all named *.json) and /dev/urandom as its MIDI input:
/// it must start, skip each bad file with one line, keep the audio flowing for its whole duration with nothing
/// allocated on the real-time threads and no garbage collected, keep its log short, and leave the poison as it was.
/// With normal scheduling as well as SCHED_FIFO.
/// </summary>
[Collection(LiveTestCollection.Name)]
public sealed partial class HostileRunTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lp-hostile-run-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_poisoned_bank_and_a_midi_flood_leave_the_pedal_playing(bool realTimeScheduling)
    {
        string bank = Path.Combine(_folder, "bank");
        Directory.CreateDirectory(bank);
        File.WriteAllText(Path.Combine(bank, "01-valid.json"), """{ "schema": 1, "name": "Valid", "parameters": { "drywet": 50 } }""");
        Tool("mkfifo", Path.Combine(bank, "02-fifo.json"));
        File.CreateSymbolicLink(Path.Combine(bank, "03-zero.json"), "/dev/zero");
        byte[] garbage = new byte[2048];
        new Random(HostileWorld.Seed).NextBytes(garbage);
        File.WriteAllBytes(Path.Combine(bank, "04-garbage.json"), garbage);
        using (var huge = new FileStream(Path.Combine(bank, "05-huge.json"), FileMode.CreateNew))
        {
            huge.SetLength(2L << 30);
        }

        Directory.CreateDirectory(Path.Combine(bank, "06-folder.json"));
        string threads = realTimeScheduling ? "" : """, "audio_thread": { "priority": null, "core": null }, "inference_thread": { "priority": null, "core": null }""";
        string config = Path.Combine(_folder, "pedal.json");
        using var pcms = new FilePcms(ModelLiveRig.DemoClip(8));
        File.WriteAllText(config, $$"""
            { "schema": 1, "capture": "{{FilePcms.CaptureName}}", "playback": "{{FilePcms.PlaybackName}}",
              "channels": 1, "format": "FLOAT_LE", "period": 128, "periods": 2, "pace": 1, "budget_ms": 30,
              "preset_bank": "{{bank}}", "state_dir": "{{Path.Combine(_folder, "state")}}",
              "models_folder": "{{Path.Combine(_folder, "models")}}", "extra_model_folders": [],
              "midi_inputs": ["/dev/urandom"]{{threads}} }
            """);

        using Process run = RunProcess.Start(pcms, "run", "--config", config, "--duration", "5");
        Task<string> stderrTask = run.StandardError.ReadToEndAsync();
        Assert.True(run.WaitForExit(90_000), "run did not end after its duration");
        string stderr = await stderrTask;
        Assert.True(run.ExitCode == 0, stderr);

        string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length < 200, $"{lines.Length} log lines in 5 s");
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        foreach (string poisoned in (string[])["02-fifo.json", "03-zero.json", "04-garbage.json", "05-huge.json"])
        {
            Assert.Single(lines, l => l.Contains(poisoned, StringComparison.Ordinal) && l.EndsWith("(skipped)", StringComparison.Ordinal));
        }

        // The audio flowed for the whole run: every period of the 5 s reached the file, then the fade.
        Assert.Equal(256 + 240000 + 512, pcms.ReadOutput().Length);
        Match end = FinalCounters().Match(stderr);
        Assert.True(end.Success, stderr);
        Assert.Equal(("0", "0", "0"), (end.Groups["audio"].Value, end.Groups["inference"].Value, end.Groups["gcs"].Value));
        Assert.True(int.Parse(end.Groups["hops"].Value, CultureInfo.InvariantCulture) > 100, end.Value);

        Assert.Equal(FileKind.Fifo, FileNode.Of(Path.Combine(bank, "02-fifo.json")).Kind);
        Assert.Equal(FileKind.CharacterDevice, FileNode.Of(Path.Combine(bank, "03-zero.json")).Kind);
        Assert.Equal(garbage, File.ReadAllBytes(Path.Combine(bank, "04-garbage.json")));
    }

    [Fact]
    public void A_missing_hardware_map_is_one_line_naming_the_field()
    {
        string config = Path.Combine(_folder, "pedal.json");
        File.WriteAllText(config, $$"""
            { "schema": 1, "capture": "null", "playback": "null", "pace": 1, "hardware_map": "{{Path.Combine(_folder, "nope.json")}}",
              "preset_bank": "{{Path.Combine(_folder, "bank")}}", "state_dir": "{{Path.Combine(_folder, "state")}}",
              "models_folder": "{{Path.Combine(_folder, "models")}}", "extra_model_folders": [] }
            """);
        (int code, _, string stderr) = CliRunner.Run("run", "--config", config, "--duration", "1");
        Assert.Equal(2, code);
        Assert.Equal($"latentplayground: hardware_map: {Path.Combine(_folder, "nope.json")}: no such file", stderr.Trim());
    }

    private static void Tool(string tool, string arg)
    {
        using Process p = Process.Start(tool, arg);
        p.WaitForExit(10_000);
        Assert.Equal(0, p.ExitCode);
    }

    [GeneratedRegex(@"(?<hops>\d+) hops, late hops \d+, skipped hops \d+, xruns \d+;.*allocated audio (?<audio>\d+) B, inference (?<inference>\d+) B, GCs (?<gcs>\d+)$", RegexOptions.Multiline)]
    private static partial Regex FinalCounters();
}
