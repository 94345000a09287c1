using LatentPlayground.Audio.Alsa;
using LatentPlayground.Audio.Live;
using LatentPlayground.Live;

namespace LatentPlayground.Tests.Live;

public sealed class RunConfigFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lp-config-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private RunConfig Parse(string json) => RunConfigFile.Parse(json, "pedal.json", _folder);

    private string Refused(string json) => Assert.Throws<UsageException>(() => Parse(json)).Message;

    [Fact]
    public void Every_field_is_read_relative_paths_start_at_the_file_and_origins_are_kept()
    {
        RunConfig c = Parse("""
            { // comments and trailing commas are fine
              "schema": 1, "capture": "hw:CARD=sndrpihifiberry", "playback": "hw:CARD=sndrpihifiberry",
              "rate": 48000, "channels": 1, "format": "S24_3LE", "period": 64, "periods": 3, "budget_ms": 25.5, "pace": 4,
              "audio_thread": { "priority": 90, "core": 3 }, "inference_thread": { "priority": null, "core": null },
              "model": "models/riff", "precision": "int8", "preset": "presets/glass.json", "preset_bank": "presets",
              "hardware_map": "/etc/latentplayground/pinmap.json", "midi_inputs": ["/dev/snd/midiC1D0", "uart"],
              "status_interval_s": 5,
            }
            """);

        Assert.Equal("hw:CARD=sndrpihifiberry", c.Capture);
        Assert.Equal(48000, c.Rate);
        Assert.Equal(1, c.Channels);
        Assert.Equal(PcmSampleFormat.S24Packed3LE, c.Format);
        Assert.Equal((64, 3, 25.5), (c.Period, c.Periods, c.BudgetMilliseconds));
        Assert.Equal(LivePacing.Clock(4), c.Pace);
        Assert.Equal(new ThreadConfig(90, CoreChoice.Fixed(3)), c.AudioThread);
        Assert.Equal(new ThreadConfig(null, CoreChoice.Any), c.InferenceThread);
        Assert.Equal(Path.Combine(_folder, "models", "riff"), c.Model);
        Assert.Equal("int8", c.Precision);
        Assert.Equal(Path.Combine(_folder, "presets", "glass.json"), c.Preset);
        Assert.Equal(Path.Combine(_folder, "presets"), c.PresetBank);
        Assert.Equal("/etc/latentplayground/pinmap.json", c.HardwareMap);
        Assert.Equal(["/dev/snd/midiC1D0", Path.Combine(_folder, "uart")], c.MidiInputs);
        Assert.Equal(5, c.StatusIntervalSeconds);
        Assert.Equal("pedal.json: period", c.Where("period"));
        Assert.Null(c.DurationSeconds);
    }

    [Fact]
    public void Fields_left_out_keep_the_defaults()
    {
        RunConfig c = Parse("""{ "period": 256 }""");

        Assert.Equal(new RunConfig().Capture, c.Capture);
        Assert.Equal(256, c.Period);
        Assert.Equal(2, c.Periods);
        Assert.Null(c.BudgetMilliseconds);
        Assert.Equal(LivePacing.Device, c.Pace);
        Assert.Equal(new ThreadConfig(80, CoreChoice.Auto), c.AudioThread);
        Assert.Equal(new ThreadConfig(60, CoreChoice.Auto), c.InferenceThread);
        Assert.Null(c.Rate);
        Assert.Equal("budget_ms", c.Where("budget_ms"));
    }

    [Theory]
    [InlineData("""{ "perod": 128 }""", "pedal.json: perod: not a config field (schema, capture,")]
    [InlineData("""{ "period": "big" }""", "pedal.json: period: must be a whole number, not \"big\"")]
    [InlineData("""{ "period": 5 }""", "pedal.json: period: 5 is out of range 16..4096")]
    [InlineData("""{ "periods": 1 }""", "pedal.json: periods: 1 is out of range 2..32")]
    [InlineData("""{ "channels": 6 }""", "pedal.json: channels: 6 is out of range 1..2")]
    [InlineData("""{ "rate": 1000 }""", "pedal.json: rate: 1000 is out of range 8000..192000")]
    [InlineData("""{ "budget_ms": -1 }""", "pedal.json: budget_ms: -1 is out of range 0..2000")]
    [InlineData("""{ "capture": "" }""", "pedal.json: capture: a PCM name cannot be empty")]
    [InlineData("""{ "capture": 3 }""", "pedal.json: capture: must be text, not 3")]
    [InlineData("""{ "format": "S20_LE" }""", "pedal.json: format: \"S20_LE\" is not a format this pedal converts (S16_LE, S24_LE, S32_LE, FLOAT_LE, S24_3LE)")]
    [InlineData("""{ "pace": "fast" }""", "pedal.json: pace: \"fast\" is not a pace: use \"device\", \"none\", or a number")]
    [InlineData("""{ "pace": 0 }""", "pedal.json: pace: 0 is out of range 0.01..1000")]
    [InlineData("""{ "precision": "fp16" }""", "pedal.json: precision: \"fp16\" is not a precision (int8 or fp32)")]
    [InlineData("""{ "audio_thread": 80 }""", "pedal.json: audio_thread: must be an object")]
    [InlineData("""{ "audio_thread": { "priority": 100 } }""", "pedal.json: audio_thread.priority: 100 is out of range 1..99")]
    [InlineData("""{ "audio_thread": { "core": -1 } }""", "pedal.json: audio_thread.core: must be a core number, \"auto\" or null (any core), not -1")]
    [InlineData("""{ "audio_thread": { "nice": 1 } }""", "pedal.json: audio_thread.nice: not a thread field (priority, core)")]
    [InlineData("""{ "inference_thread": { "priority": 80 } }""", "pedal.json: inference_thread: priority 80 must be below the audio thread's 80")]
    [InlineData("""{ "midi_inputs": "/dev/snd/midiC1D0" }""", "pedal.json: midi_inputs: must be a list of paths, not \"/dev/snd/midiC1D0\"")]
    [InlineData("""{ "midi_inputs": ["/dev/a", 2] }""", "pedal.json: midi_inputs[1]: must be a path, not 2")]
    [InlineData("""{ "hardware_map": "" }""", "pedal.json: hardware_map: \"\" is not a usable path")]
    [InlineData("""{ "status_interval_s": 0 }""", "pedal.json: status_interval_s: 0 is out of range 1..86400")]
    [InlineData("""{ "schema": 2 }""", "pedal.json: schema: 2 is not a schema this firmware reads (1)")]
    [InlineData("""[1, 2]""", "pedal.json: the config must be a JSON object")]
    [InlineData("""{ "period": 128 """, "pedal.json: not valid JSON (line 1)")]
    public void A_bad_field_is_refused_in_one_line_that_names_it(string json, string expected)
    {
        string message = Refused(json);

        Assert.StartsWith(expected, message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void The_budget_is_auto_or_milliseconds_and_the_model_folders_are_folders()
    {
        RunConfig c = Parse("""{ "budget_ms": "auto", "models_folder": "models", "extra_model_folders": ["/media/*/latentplayground-models", "usb"] }""");

        Assert.Null(c.BudgetMilliseconds);
        Assert.Equal("pedal.json: budget_ms", c.Where("budget_ms"));
        Assert.Equal(Path.Combine(_folder, "models"), c.ModelsFolder);
        Assert.Equal(["/media/*/latentplayground-models", Path.Combine(_folder, "usb")], c.ExtraModelFolders);
        Assert.Equal(12.5, Parse("""{ "budget_ms": 12.5 }""").BudgetMilliseconds);
        Assert.Null(new RunConfig().ModelsFolder);
        Assert.Equal(RunConfig.DefaultExtraModelFolders, new RunConfig().ExtraModelFolders);
        Assert.StartsWith("pedal.json: budget_ms: \"fast\" is not a budget", Refused("""{ "budget_ms": "fast" }"""), StringComparison.Ordinal);
        Assert.Equal("pedal.json: extra_model_folders: must be a list of paths, not \"/media\"", Refused("""{ "extra_model_folders": "/media" }"""));
    }

    [Fact]
    public void Paths_that_exist_as_the_wrong_kind_of_thing_are_refused()
    {
        File.WriteAllText(Path.Combine(_folder, "afile"), "");
        Directory.CreateDirectory(Path.Combine(_folder, "afolder"));

        Assert.Equal($"pedal.json: preset_bank: {Path.Combine(_folder, "afile")} is a file, not a folder", Refused("""{ "preset_bank": "afile" }"""));
        Assert.Equal($"pedal.json: hardware_map: {Path.Combine(_folder, "afolder")} is a folder, not a file", Refused("""{ "hardware_map": "afolder" }"""));
        Assert.Equal($"pedal.json: model: {Path.Combine(_folder, "afile")} is a file, not a folder", Refused("""{ "model": "afile" }"""));
    }

    [Fact]
    public void The_README_example_is_a_valid_config()
    {
        string folder = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(folder, "LatentPlayground.sln")))
        {
            folder = Path.GetDirectoryName(folder) ?? throw new InvalidOperationException("no checkout above the test binaries");
        }

        string readme = File.ReadAllText(Path.Combine(folder, "README.md"));
        int section = readme.IndexOf("### The config file", StringComparison.Ordinal);
        int start = readme.IndexOf("```json", section, StringComparison.Ordinal) + "```json".Length;
        string json = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];

        RunConfig c = Parse(json);

        Assert.Equal("hw:CARD=sndrpihifiberry", c.Capture);
        Assert.Equal(["/dev/snd/midiC1D0"], c.MidiInputs);
    }

    [Fact]
    public void A_missing_file_is_one_line()
    {
        var e = Assert.Throws<UsageException>(() => RunConfigFile.Load(Path.Combine(_folder, "none.json")));
        Assert.Equal($"{Path.Combine(_folder, "none.json")}: no such file", e.Message);
    }

    [Theory]
    [InlineData(new[] { 0, 1, 2, 3 }, 2, 3)]
    [InlineData(new[] { 0, 1 }, 0, 1)]
    [InlineData(new[] { 4, 5, 6 }, 5, 6)]
    [InlineData(new[] { 0 }, null, null)]
    public void Auto_cores_are_the_last_two_the_process_may_use(int[] allowed, int? audio, int? inference)
    {
        Assert.Equal(audio, CoreChoice.Auto.Resolve(allowed, fromEnd: 2));
        Assert.Equal(inference, CoreChoice.Auto.Resolve(allowed, fromEnd: 1));
        Assert.Equal(7, CoreChoice.Fixed(7).Resolve(allowed, 1));
        Assert.Null(CoreChoice.Any.Resolve(allowed, 1));
    }

    [Fact]
    public void The_allowed_cores_are_read_from_the_affinity_mask()
    {
        IReadOnlyList<int> cores = AllowedCores.Get();

        Assert.Equal(Environment.ProcessorCount, cores.Count);
        Assert.Equal(cores.Order(), cores);
    }
}
