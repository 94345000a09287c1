using LatentPlayground.Audio.Alsa;
using LatentPlayground.Audio.Live;

namespace LatentPlayground.Live;

/// <summary>
/// Everything <c>latentplayground run</c> needs: devices, stream shape, inference budget, threads, model and
/// files. Built from the defaults here, then the config file, then the command line; each value remembers
/// where it came from, so a bad one is named the way the user wrote it (<c>pedal.json: period</c> or
/// <c>--period</c>). Thread: any; immutable.
/// </summary>
public sealed record RunConfig
{
    /// <summary>ALSA capture PCM name, as aplay -L lists them.</summary>
    public string Capture { get; init; } = "default";

    /// <summary>ALSA playback PCM name.</summary>
    public string Playback { get; init; } = "default";

    /// <summary>The card's sample rate; null takes the model's. Any other rate is bridged by streaming resampling (Core.Dsp.RateBridge).</summary>
    public int? Rate { get; init; }

    public int Channels { get; init; } = 2;

    /// <summary>Sample format; null takes the first the card offers of S32, S24, S24_3, FLOAT, S16.</summary>
    public PcmSampleFormat? Format { get; init; }

    /// <summary>Frames per period: what the audio thread handles at a time.</summary>
    public int Period { get; init; } = 128;

    /// <summary>Periods in the ALSA buffer.</summary>
    public int Periods { get; init; } = 2;

    /// <summary>
    /// A fixed inference budget in milliseconds; null (the default, "auto") measures it for each model at load:
    /// warm-up hops on this machine with a margin, rounded to whole periods (<c>InferenceBudget</c>).
    /// </summary>
    public double? BudgetMilliseconds { get; init; }

    public LivePacing Pace { get; init; } = LivePacing.Device;

    /// <summary>SCHED_FIFO 80: above the kernel's threaded interrupts (50) and the inference thread.</summary>
    public ThreadConfig AudioThread { get; init; } = new(80, CoreChoice.Auto);

    /// <summary>SCHED_FIFO 60: below audio, above interrupts and everything else, on its own core.</summary>
    public ThreadConfig InferenceThread { get; init; } = new(60, CoreChoice.Auto);

    /// <summary>Model package folder; null is the bundled default.</summary>
    public string? Model { get; init; }

    /// <summary>"int8", "fp32", or null for the package's best.</summary>
    public string? Precision { get; init; }

    /// <summary>Preset to start from; null starts from the parameter table's defaults.</summary>
    public string? Preset { get; init; }

    /// <summary>Preset bank folder; null is $LATENTPLAYGROUND_BANK or ~/.local/share/latentplayground/presets. Seeded with the factory presets when new.</summary>
    public string? PresetBank { get; init; }

    /// <summary>
    /// The models folder: every package folder in it joins the model library (the settings page's Model row).
    /// Null is $LATENTPLAYGROUND_MODELS, else a <c>models</c> folder beside the default preset bank
    /// (~/.local/share/latentplayground/models).
    /// </summary>
    public string? ModelsFolder { get; init; }

    /// <summary>
    /// More folders of model packages, scanned when they exist (a USB stick); a <c>*</c> in a path matches any one
    /// folder name, so <c>/media/*/latentplayground-models</c> finds a stick whatever its label.
    /// </summary>
    public IReadOnlyList<string> ExtraModelFolders { get; init; } = DefaultExtraModelFolders;

    /// <summary>USB sticks where udisks (/media/USER/LABEL) or a plain fstab line (/media/LABEL) mounts them.</summary>
    public static IReadOnlyList<string> DefaultExtraModelFolders { get; } = ["/media/*/latentplayground-models", "/media/*/*/latentplayground-models"];

    /// <summary>Folder of the state kept across reboots (settings.json); null is $STATE_DIRECTORY or ~/.local/state/latentplayground.</summary>
    public string? StateDir { get; init; }

    /// <summary>Hardware pin map file; with it, run reads the footswitches (GPIO). Null: no control surface.</summary>
    public string? HardwareMap { get; init; }

    /// <summary>Controls map file (what the footswitches do); null: the defaults (hardware/controls.json holds them).</summary>
    public string? ControlsMap { get; init; }

    /// <summary>
    /// Run the control surface over simulated devices with a terminal panel (<c>run --sim</c>): the hardware map is
    /// the bundled reference build's unless one is given, and the audio devices default to ALSA's null device paced
    /// at real time, so it runs on any machine.
    /// </summary>
    public bool Simulate { get; init; }

    /// <summary>MIDI input device paths: raw MIDI (/dev/snd/midiC*D*), a UART tty (DIN MIDI) or a FIFO; a missing one is retried every second.</summary>
    public IReadOnlyList<string> MidiInputs { get; init; } = [];

    /// <summary>Seconds between status lines in the log.</summary>
    public double StatusIntervalSeconds { get; init; } = 60;

    /// <summary>Stop after this much audio; null runs until SIGINT or SIGTERM.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>The config file these settings were read from, or null.</summary>
    public string? Source { get; init; }

    /// <summary>Where each field set by a file or the command line came from, by its JSON name.</summary>
    public IReadOnlyDictionary<string, string> Origins { get; init; } = new Dictionary<string, string>();

    /// <summary>A field's name as the user wrote it: "pedal.json: period", "--period", or "period" for a default.</summary>
    public string Where(string field) => Origins.TryGetValue(field, out string? origin) ? origin : field;

    /// <summary>This config with one field's origin recorded.</summary>
    public RunConfig From(string field, string origin) =>
        this with { Origins = new Dictionary<string, string>(Origins) { [field] = origin } };
}
