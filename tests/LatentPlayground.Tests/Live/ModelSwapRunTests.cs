using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Presets;
using LatentPlayground.State;

namespace LatentPlayground.Tests.Live;

/// <summary>
/// Model swaps in <c>run</c> as the pedal runs it: its own process over ALSA file PCMs paced at real time, the bundled
/// model playing, a models folder of packages, and presets recalled by Program Change on a MIDI input. A preset naming
/// another model (another hop and latency) swaps it in with a dip to dry; no hop is late and neither real-time thread
/// allocates a byte across the swap; the new latency is reported; a preset naming a model at another rate is refused
/// with one message and the model playing plays on; one naming a missing model says so once; a preset naming no model
/// stays on the one playing; and settings.json remembers the model. The budget is fixed at 30 ms here, so that only a
/// swap could make a hop late, not a virtual machine's scheduler (MeasuredBudgetTests covers the measured one).
/// </summary>
[Collection(LiveTestCollection.Name)]
public sealed partial class ModelSwapRunTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lp-swap-run-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    [Fact]
    public async Task A_preset_naming_another_model_swaps_it_in_while_playing_with_no_late_hop_and_no_allocation()
    {
        SwapRig.MakePackage(PathOf("models"), "b", "synth-b", hop: 1024, latency: 3000);
        SwapRig.MakePackage(PathOf("models"), "slow", "synth-44k", hop: 2048, latency: 0, rate: 44100);
        Directory.CreateDirectory(PathOf("bank"));
        WritePreset("01-any.json", "Any model", null);
        WritePreset("02-on-b.json", "On B", "synth-b");
        WritePreset("03-on-44k.json", "On 44k", "synth-44k");
        WritePreset("04-gone.json", "Gone", "not-here");
        string fifo = PathOf("midi");
        using (Process mk = Process.Start("mkfifo", fifo))
        {
            await mk.WaitForExitAsync();
        }

        using var pcms = new FilePcms(ModelLiveRig.DemoClip(8));
        string config = PathOf("pedal.json");
        File.WriteAllText(config, $$"""
            { "schema": 1, "capture": "{{FilePcms.CaptureName}}", "playback": "{{FilePcms.PlaybackName}}",
              "channels": 1, "format": "FLOAT_LE", "period": 128, "periods": 2, "pace": 1, "budget_ms": 30,
              "preset_bank": "{{PathOf("bank")}}", "state_dir": "{{PathOf("state")}}",
              "models_folder": "{{PathOf("models")}}", "extra_model_folders": [], "midi_inputs": ["{{fifo}}"] }
            """);

        using Process run = RunProcess.Start(pcms, "run", "--config", config, "--duration", "7.5");
        Task<string> stderrTask = run.StandardError.ReadToEndAsync();

        // Program Change 1 (On B) once the warm-up second is over; then a preset on a 44.1 kHz model, one on a
        // missing model, and one naming none (which stays on synth-b).
        await using (FileStream pipe = await FifoWriter.OpenAsync(fifo, run.WaitForExitAsync(), TimeSpan.FromSeconds(60), () => stderrTask.IsCompleted ? stderrTask.Result : ""))
        {
            await Task.Delay(1800);
            await Send(pipe, 1);
            await Task.Delay(1500);
            await Send(pipe, 2);
            await Task.Delay(800);
            await Send(pipe, 3);
            await Task.Delay(800);
            await Send(pipe, 0);
            await Task.Delay(300);
        }

        Assert.True(run.WaitForExit(60000), "run did not end after its duration");
        string stderr = await stderrTask;
        Assert.True(run.ExitCode == 0, stderr);
        string[] lines = stderr.Split('\n');

        Assert.Contains("model library: 3 models (latentplayground-default, synth-b, synth-44k); default latentplayground-default", stderr, StringComparison.Ordinal);
        Assert.Equal(
            ["warning: model synth-44k: not loaded: it runs at 44100 Hz and the engine at 48000 Hz; a change of rate needs a restart (start the pedal with it to play it); still playing synth-b"],
            lines.Where(l => l.Contains("synth-44k", StringComparison.Ordinal) && l.StartsWith("warning:", StringComparison.Ordinal)));
        Assert.Contains("model synth-b: loaded (hop 1024, 48000 Hz, 8 dimensions, 3000 samples of latency; inference budget 1440 samples (30.0 ms), fixed by", stderr, StringComparison.Ordinal);
        Assert.Contains("model synth-b: playing; wet latency 5784 samples (120.5 ms at 48000 Hz) = hop 1024 + budget 1440 + model 3000 + limiter 64 + ALSA buffer 256 (2 x 128)", stderr, StringComparison.Ordinal);
        Assert.Single(lines, l => l.Contains("not-here", StringComparison.Ordinal));
        Assert.Contains("warning: preset 04-gone.json: its model \"not-here\" is not in the model library; playing it on synth-b", stderr, StringComparison.Ordinal);
        Assert.Contains("preset 0: Any model (01-any.json)", stderr, StringComparison.Ordinal);

        // The counters at the end cover the whole run after the warm-up second, the swap included.
        Match end = FinalCounters().Match(stderr);
        Assert.True(end.Success, stderr);
        Assert.Equal(("0", "0"), (end.Groups["late"].Value, end.Groups["skipped"].Value));
        Assert.Equal(("0", "0"), (end.Groups["audio"].Value, end.Groups["inference"].Value));
        // More hops than either engine could make alone: synth-b (hop 1024) cannot start before the Program Change at
        // 1.8 s, and the default model (hop 2048) makes 176 in the whole 7.5 s. (The exact count moves with how long the
        // load takes on a busy machine: 300 to 310 seen.)
        int onlySynthB = (int)((7.5 - 1.8) * 48000 / 1024);
        Assert.True(int.Parse(end.Groups["hops"].Value, CultureInfo.InvariantCulture) > onlySynthB, end.Value);

        PedalSettings saved = PedalSettingsFile.Load(PathOf("state")).Settings;
        Assert.Equal("synth-b", saved.Model);
        Assert.Equal("01-any.json", saved.LastPreset);
    }

    private void WritePreset(string file, string name, string? model)
    {
        var parameters = new ParameterSet();
        Assert.Null(parameters.TrySetFromText("drywet=80"));
        File.WriteAllText(Path.Combine(PathOf("bank"), file), PresetJson.Serialize(new Preset { Name = name, Model = model, Parameters = parameters }));
    }

    private static async Task Send(FileStream pipe, byte program)
    {
        await pipe.WriteAsync(new byte[] { 0xC0, program });
        await pipe.FlushAsync();
    }

    [GeneratedRegex(@"faded out, drained and closed: \d+ frames, (?<hops>\d+) hops, late hops (?<late>\d+), skipped hops (?<skipped>\d+), xruns \d+; .*allocated audio (?<audio>\d+) B, inference (?<inference>\d+) B, GCs \d+")]
    private static partial Regex FinalCounters();
}
