using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using LatentPlayground.Presets;
using Xunit.Abstractions;

namespace LatentPlayground.Tests.Live;

/// <summary>
/// The control side under load while the pedal plays: <c>run --sim</c> in its own process over ALSA file PCMs, with
/// a MIDI flood on its input (CCs on every driven parameter, Program Changes, clock, and CCs bound to next preset
/// and save preset), the simulator's knobs swept up and down, and the settings and presets that makes it write.
/// The real-time threads must not notice: 0 bytes allocated on either, no late hop, no skipped hop. The garbage
/// collector's pauses, which stop the audio thread too, are reported for the closing note.
/// </summary>
[Collection(LiveTestCollection.Name)]
public sealed partial class ControlLoadRunTests(ITestOutputHelper output) : IDisposable
{
    private const int Seconds = 12;

    private readonly string _folder = Directory.CreateTempSubdirectory("lp-control-load-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_midi_flood_knob_sweeps_and_saves_leave_the_real_time_threads_untouched()
    {
        string bank = Path.Combine(_folder, "bank"), state = Path.Combine(_folder, "state"), fifo = Path.Combine(_folder, "midi");
        PresetLocations.EnsureBank(bank);
        Directory.CreateDirectory(state);
        File.WriteAllText(Path.Combine(state, "settings.json"), """{ "schema": 1, "midi_learned": { "21": "action:save-preset", "22": "action:next-preset" } }""");
        using (Process mk = Process.Start("mkfifo", fifo))
        {
            await mk.WaitForExitAsync();
        }

        string config = Path.Combine(_folder, "pedal.json");
        float[] riff = ModelLiveRig.DemoClip(8), clip = new float[(Seconds + 2) * 48000];
        for (int i = 0; i < clip.Length; i++)
        {
            clip[i] = riff[i % riff.Length];
        }

        using var pcms = new FilePcms(clip);
        File.WriteAllText(config, $$"""
            { "schema": 1, "capture": "{{FilePcms.CaptureName}}", "playback": "{{FilePcms.PlaybackName}}",
              "channels": 1, "format": "FLOAT_LE", "period": 128, "periods": 2, "pace": 1, "budget_ms": 30,
              "preset_bank": "{{bank}}", "state_dir": "{{state}}",
              "models_folder": "{{Path.Combine(_folder, "models")}}", "extra_model_folders": [], "midi_inputs": ["{{fifo}}"] }
            """);

        var environment = new Dictionary<string, string>();
        if (Environment.GetEnvironmentVariable("LATENTPLAYGROUND_GC_CONCURRENT") is string concurrent)
        {
            environment["DOTNET_gcConcurrent"] = concurrent; // to compare the runtime's default with the pedal's setting
        }

        using Process run = RunProcess.StartWithInput(pcms, environment, "run", "--config", config, "--sim", "--duration", Seconds.ToString(CultureInfo.InvariantCulture));
        Task<string> stderrTask = run.StandardError.ReadToEndAsync();
        Task<string> stdoutTask = run.StandardOutput.ReadToEndAsync();
        Task exited = run.WaitForExitAsync();

        // Knob sweeps: knobs 1 and 2 up and down in steps, a pause of 0.3 s between sweeps.
        Task keys = Task.Run(async () =>
        {
            for (int sweep = 0; sweep < 6; sweep++)
            {
                await run.StandardInput.WriteAsync("1111111111~2222222222~qqqqqqqqqq~wwwwwwwwww~");
                await run.StandardInput.FlushAsync();
            }

            run.StandardInput.Close();
        });

        long messages = 0;
        await using (FileStream midi = await FifoWriter.OpenAsync(fifo, exited, TimeSpan.FromSeconds(60)))
        {
            var random = new Random(15);
            byte[] burst = new byte[3 * 64];
            var clock = Stopwatch.StartNew();
            int ms = 0;
            while (!exited.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(Seconds + 30))
            {
                int n = 0;
                for (int i = 0; i < 16; i++)
                {
                    // CCs 70..77 and 1: the default map's driven parameters, random values.
                    burst[n++] = 0xB0;
                    burst[n++] = (byte)(i < 8 ? 70 + i : 1);
                    burst[n++] = (byte)random.Next(128);
                }

                if (ms % 20 == 0)
                {
                    burst[n++] = 0xF8; // clock, about 125 BPM
                }

                if (ms % 100 == 0)
                {
                    burst[n++] = 0xC0;
                    burst[n++] = (byte)(ms / 100 % 9);
                }

                if (ms % 150 == 0)
                {
                    byte cc = (byte)(ms % 300 == 0 ? 21 : 22); // save preset, next preset: 127 then 0 fires once
                    burst[n++] = 0xB0;
                    burst[n++] = cc;
                    burst[n++] = 127;
                    burst[n++] = 0xB0;
                    burst[n++] = cc;
                    burst[n++] = 0;
                }

                try
                {
                    await midi.WriteAsync(burst.AsMemory(0, n));
                    await midi.FlushAsync();
                }
                catch (IOException)
                {
                    break; // the pedal ended and closed its end
                }

                messages += n / 3;
                ms = (int)clock.ElapsedMilliseconds;
                await Task.Delay(1);
            }
        }

        Assert.True(run.WaitForExit(90_000), "run did not end after its duration");
        await keys;
        string stderr = await stderrTask;
        _ = await stdoutTask;
        Assert.True(run.ExitCode == 0, stderr);
        Assert.DoesNotContain("control tick failed", stderr, StringComparison.Ordinal);

        Match end = FinalCounters().Match(stderr);
        Assert.True(end.Success, stderr);
        Match gc = GcLine().Match(stderr);
        Assert.True(gc.Success, stderr);
        output.WriteLine($"{messages} MIDI messages written; {end.Value}");
        output.WriteLine(gc.Value);
        output.WriteLine(stderr.Split('\n').FirstOrDefault(l => l.StartsWith("GC:", StringComparison.Ordinal)) ?? "");

        Assert.Equal(("0", "0"), (end.Groups["audio"].Value, end.Groups["inference"].Value));
        Assert.Equal(("0", "0"), (end.Groups["late"].Value, end.Groups["skipped"].Value));
        Assert.True(int.Parse(end.Groups["hops"].Value, CultureInfo.InvariantCulture) > Seconds * 20, end.Value);

        // The flood reached the pedal: recalls moved the bank, saves wrote presets, and the settings were written.
        Assert.Contains("saved " + bank, stderr, StringComparison.Ordinal);
        Assert.Matches(@"preset \d: ", stderr);
        Assert.Contains("last_preset", File.ReadAllText(Path.Combine(state, "settings.json")), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?<hops>\d+) hops, late hops (?<late>\d+), skipped hops (?<skipped>\d+), xruns \d+;.*allocated audio (?<audio>\d+) B, inference (?<inference>\d+) B, GCs (?<gcs>\d+)$", RegexOptions.Multiline)]
    private static partial Regex FinalCounters();

    [GeneratedRegex(@"garbage collections while playing: .*$", RegexOptions.Multiline)]
    private static partial Regex GcLine();
}
