using System.Diagnostics;
using LatentPlayground.State;
using Tmds.Linux;

namespace LatentPlayground.Tests.Live;

/// <summary>
/// <c>run</c> with its bank, settings and MIDI: the last preset comes back after a restart, Program Change
/// over a MIDI input recalls a preset and is remembered, and a broken settings file does not stop the pedal.
/// </summary>
[Collection(LiveTestCollection.Name)]
public sealed class PedalStateTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lp-pedal-state-").FullName;

    private string Bank => Path.Combine(_folder, "bank");

    private string State => Path.Combine(_folder, "state");

    public void Dispose()
    {
        _ = LibC.munlockall();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void The_first_boot_seeds_the_bank_and_a_restart_comes_back_on_the_last_preset()
    {
        Directory.CreateDirectory(State);
        (int code, _, string stderr) = Run("0.3");
        Assert.True(code == 0, stderr);
        Assert.True(File.Exists(Path.Combine(Bank, "06-fractal-storm.json")));
        Assert.Contains("preset 0: Cell steps", stderr, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(State, PedalSettingsFile.FileName),
            """{ "schema": 1, "last_preset": "05-voronoi-regions.json", "clock_source": "internal", "bpm": 96, "midi_channel": "omni" }""");
        (code, _, stderr) = Run("0.3");
        Assert.True(code == 0, stderr);
        Assert.Contains("preset 4: Voronoi regions (05-voronoi-regions.json)", stderr, StringComparison.Ordinal);
        PedalSettings saved = PedalSettingsFile.Load(State).Settings;
        Assert.Equal("05-voronoi-regions.json", saved.LastPreset);
        Assert.Equal(96, saved.Bpm);
    }

    [Fact]
    public void A_broken_settings_file_is_one_warning_and_the_pedal_runs_on_defaults()
    {
        Directory.CreateDirectory(State);
        File.WriteAllText(Path.Combine(State, PedalSettingsFile.FileName), """{ "schema": 1, "clock_source": "wristwatch" }""");
        (int code, _, string stderr) = Run("0.3");
        Assert.True(code == 0, stderr);
        Assert.Contains("settings.json: clock_source: must be internal, midi or tap", stderr, StringComparison.Ordinal);
        Assert.Contains("duration reached", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Program_change_on_a_midi_input_recalls_the_preset_and_it_is_remembered()
    {
        Directory.CreateDirectory(State);
        string fifo = await MakeFifo("midi-in");

        // The writer opens the FIFO once the pedal's reader has, then sends Program Change 2 on channel 1.
        var run = new TaskCompletionSource();
        var writer = Task.Run(async () =>
        {
            await Task.Delay(600);
            await using FileStream pipe = await FifoWriter.OpenAsync(fifo, run.Task, TimeSpan.FromSeconds(30));
            pipe.Write([0xC0, 0x02]);
            pipe.Flush();
            await Task.Delay(1500);
        });

        (int code, _, string stderr) = Run("2.5", fifo);
        run.SetResult();
        Assert.True(code == 0, stderr);
        await writer;
        Assert.Contains("preset 2: Perlin drift (03-perlin-drift.json)", stderr, StringComparison.Ordinal);
        Assert.Equal("03-perlin-drift.json", PedalSettingsFile.Load(State).Settings.LastPreset);
    }

    [Fact]
    public async Task With_midi_as_the_clock_source_the_pedal_locks_to_incoming_clock()
    {
        Directory.CreateDirectory(State);
        File.WriteAllText(Path.Combine(State, PedalSettingsFile.FileName), """{ "schema": 1, "clock_source": "midi" }""");
        string fifo = await MakeFifo("midi-clock");

        // Start, then 150 BPM clock (a tick every 1/60 s) for two seconds.
        var run = new TaskCompletionSource();
        var writer = Task.Run(async () =>
        {
            await Task.Delay(400);
            await using FileStream pipe = await FifoWriter.OpenAsync(fifo, run.Task, TimeSpan.FromSeconds(30));
            pipe.Write([0xFA]);
            var clock = Stopwatch.StartNew();
            for (int tick = 0; tick < 120; tick++)
            {
                TimeSpan due = TimeSpan.FromSeconds(tick / 60.0) - clock.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due);
                }

                pipe.Write([0xF8]);
                pipe.Flush();
            }
        });

        (int code, _, string stderr) = Run("3", fifo);
        run.SetResult();
        Assert.True(code == 0, stderr);
        await writer;
        int at = stderr.IndexOf("MIDI clock locked at ", StringComparison.Ordinal);
        Assert.True(at >= 0, stderr);
        double bpm = double.Parse(stderr.AsSpan(at + 21, 5), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(bpm, 140, 160); // the first estimate, from 12 ticks through a FIFO on a loaded machine
        Assert.Equal(Midi.Clock.ClockSource.Midi, PedalSettingsFile.Load(State).Settings.ClockSource);
    }

    [Fact]
    public void With_a_pin_map_on_a_machine_without_GPIO_the_controls_are_one_warning_and_the_pedal_plays()
    {
        string config = Path.Combine(_folder, "pedal.json");
        string pins = Path.Combine(AppContext.BaseDirectory, "hardware", "pinmap.json");
        string controls = Path.Combine(AppContext.BaseDirectory, "hardware", "controls.json");
        File.WriteAllText(config, $$"""
            { "schema": 1, "capture": "null", "playback": "null", "pace": "1", "period": 256,
              "preset_bank": "{{Bank}}", "state_dir": "{{State}}", "hardware_map": "{{pins}}", "controls_map": "{{controls}}" }
            """);
        (int code, _, string stderr) = CliRunner.Run("run", "--config", config, "--duration", "1");
        Assert.True(code == 0, stderr);
        Assert.Single(stderr.Split('\n'), l => l.Contains("controls off: cannot open GPIO chip 0", StringComparison.Ordinal));
        Assert.Contains("duration reached", stderr, StringComparison.Ordinal);
    }

    // A FIFO stands in for a MIDI device: the pedal's reader opens and polls it like /dev/snd/midiC*D*.
    private async Task<string> MakeFifo(string name)
    {
        string fifo = Path.Combine(_folder, name);
        using Process mk = Process.Start("mkfifo", fifo);
        await mk.WaitForExitAsync();
        Assert.Equal(0, mk.ExitCode);
        return fifo;
    }

    private (int Code, string Out, string Error) Run(string seconds, string? midi = null)
    {
        string config = Path.Combine(_folder, "pedal.json");
        string inputs = midi is null ? "[]" : $"[\"{midi}\"]";
        File.WriteAllText(config, $$"""
            { "schema": 1, "capture": "null", "playback": "null", "pace": "1", "period": 256,
              "preset_bank": "{{Bank}}", "state_dir": "{{State}}", "midi_inputs": {{inputs}} }
            """);
        return CliRunner.Run("run", "--config", config, "--duration", seconds);
    }
}
