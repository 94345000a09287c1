using LatentPlayground.Files;
using System.Globalization;
using System.Text.Json;
using LatentPlayground.Core.Json;
using LatentPlayground.Audio.Alsa;

namespace LatentPlayground.Live;

/// <summary>
/// Reads the run config file (JSON, documented in the README's "Live: run" section). Fields left out keep
/// their defaults; unknown fields are refused, so a typo never silently does nothing. Relative paths are
/// taken from the file's own folder, so a config and its presets can move together. Every problem is one
/// <see cref="UsageException"/> line naming the file and the field.
/// Thread: any non-real-time thread.
/// </summary>
public static class RunConfigFile
{
    public const int Schema = 1;

    public static RunConfig Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = InputFile.ReadAllText(path, InputFile.SmallJsonLimit, "config");
        }
        catch (InputFileException e)
        {
            throw new UsageException(e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{path}: cannot read the config: {e.Message}", e);
        }

        return Parse(text, path, System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".") with { Source = path };
    }

    /// <param name="json">The file's text.</param>
    /// <param name="source">The file's name, for messages.</param>
    /// <param name="folder">Where relative paths start.</param>
    public static RunConfig Parse(string json, string source, string folder)
    {
        var errors = new RunConfigErrors(source);
        RunConfigContract file = JsonFile.Read(json, RunConfigContext.Default.RunConfigContract, errors);
        return Read(file, errors, folder);
    }

    private static RunConfig Read(RunConfigContract f, RunConfigErrors e, string folder)
    {
        if (f.Schema is int s && s != Schema)
        {
            throw e.Bad("schema", string.Create(CultureInfo.InvariantCulture, $"{s} is not a schema this firmware reads ({Schema})"));
        }

        var config = new RunConfig();
        config = Set(config, e, "capture", f.Capture, (c, v, w) => c with { Capture = ConfigRules.Device(v, w) });
        config = Set(config, e, "playback", f.Playback, (c, v, w) => c with { Playback = ConfigRules.Device(v, w) });
        config = Set(config, e, "rate", f.Rate, (c, v, w) => c with { Rate = ConfigRules.Rate(v, w) });
        config = Set(config, e, "channels", f.Channels, (c, v, w) => c with { Channels = ConfigRules.Channels(v, w) });
        config = Set(config, e, "format", f.Format, (c, v, w) => c with { Format = Format(v, w) });
        config = Set(config, e, "period", f.Period, (c, v, w) => c with { Period = ConfigRules.Period(v, w) });
        config = Set(config, e, "periods", f.Periods, (c, v, w) => c with { Periods = ConfigRules.Periods(v, w) });
        config = Set(config, e, "budget_ms", e.TextOrNumber(f.BudgetMs, "budget_ms"), (c, v, w) => c with { BudgetMilliseconds = ConfigRules.Budget(v, w) });
        config = Set(config, e, "pace", e.TextOrNumber(f.Pace, "pace"), (c, v, w) => c with { Pace = ConfigRules.Pace(v, w) });
        config = Set(config, e, "audio_thread", f.AudioThread, (c, v, w) => c with { AudioThread = Thread(v, c.AudioThread, w) });
        config = Set(config, e, "inference_thread", f.InferenceThread, (c, v, w) => c with { InferenceThread = Thread(v, c.InferenceThread, w) });
        config = Set(config, e, "model", f.Model, (c, v, w) => c with { Model = Resolve(v, w, folder, isFolder: true) });
        config = Set(config, e, "precision", f.Precision, (c, v, w) => c with { Precision = Precision(v, w) });
        config = Set(config, e, "preset", f.Preset, (c, v, w) => c with { Preset = Resolve(v, w, folder, isFolder: false) });
        config = Set(config, e, "preset_bank", f.PresetBank, (c, v, w) => c with { PresetBank = Resolve(v, w, folder, isFolder: true) });
        config = Set(config, e, "models_folder", f.ModelsFolder, (c, v, w) => c with { ModelsFolder = Resolve(v, w, folder, isFolder: true) });
        config = Set(config, e, "extra_model_folders", f.ExtraModelFolders, (c, v, w) => c with { ExtraModelFolders = [.. v.Select((p, i) => Resolve(p, $"{w}[{i}]", folder, isFolder: true))] });
        config = Set(config, e, "state_dir", f.StateDir, (c, v, w) => c with { StateDir = Resolve(v, w, folder, isFolder: true) });
        config = Set(config, e, "hardware_map", f.HardwareMap, (c, v, w) => c with { HardwareMap = Resolve(v, w, folder, isFolder: false) });
        config = Set(config, e, "controls_map", f.ControlsMap, (c, v, w) => c with { ControlsMap = Resolve(v, w, folder, isFolder: false) });
        config = Set(config, e, "midi_inputs", f.MidiInputs, (c, v, w) => c with { MidiInputs = [.. v.Select((p, i) => Resolve(p, $"{w}[{i}]", folder, isFolder: false))] });
        config = Set(config, e, "status_interval_s", f.StatusIntervalS, (c, v, w) => c with { StatusIntervalSeconds = ConfigRules.StatusInterval(v, w) });
        ConfigRules.PriorityOrder(config);
        return config;
    }

    // A field the file gives is applied and remembers where it came from ("pedal.json: period"); one left out keeps the default.
    private static RunConfig Set<T>(RunConfig config, RunConfigErrors e, string field, T? value, Func<RunConfig, T, string, RunConfig> apply)
        where T : class =>
        value is null ? config : apply(config, value, e.Where(field)).From(field, e.Where(field));

    private static RunConfig Set<T>(RunConfig config, RunConfigErrors e, string field, T? value, Func<RunConfig, T, string, RunConfig> apply)
        where T : struct =>
        value is T v ? apply(config, v, e.Where(field)).From(field, e.Where(field)) : config;

    /// <summary>A path, relative ones taken from the config file's folder, checked before and after.</summary>
    private static string Resolve(string path, string where, string folder, bool isFolder)
    {
        string checkedPath = ConfigRules.Path(path, where, isFolder);
        string full = System.IO.Path.IsPathRooted(checkedPath) ? checkedPath : System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, checkedPath));
        return ConfigRules.Path(full, where, isFolder);
    }

    /// <summary>{ "priority": 1..99 or null, "core": n, "auto" or null }; fields left out keep <paramref name="defaults"/>.</summary>
    private static ThreadConfig Thread(ThreadContract thread, ThreadConfig defaults, string where)
    {
        ThreadConfig result = defaults;
        if (thread.Priority.ValueKind != JsonValueKind.Undefined)
        {
            result = result with
            {
                Priority = thread.Priority switch
                {
                    { ValueKind: JsonValueKind.Null } => null,
                    { ValueKind: JsonValueKind.Number } v when v.TryGetInt32(out int p) => ConfigRules.Priority(p, $"{where}.priority"),
                    JsonElement v => throw new UsageException($"{where}.priority: must be a SCHED_FIFO priority 1..99 or null (normal scheduling), not {FieldErrors.Show(v)}"),
                },
            };
        }

        if (thread.Core.ValueKind != JsonValueKind.Undefined)
        {
            result = result with
            {
                Core = thread.Core switch
                {
                    { ValueKind: JsonValueKind.Null } => CoreChoice.Any,
                    { ValueKind: JsonValueKind.String } v when v.GetString() == "auto" => CoreChoice.Auto,
                    { ValueKind: JsonValueKind.Number } v when v.TryGetInt32(out int c) && c >= 0 => CoreChoice.Fixed(c),
                    JsonElement v => throw new UsageException($"{where}.core: must be a core number, \"auto\" or null (any core), not {FieldErrors.Show(v)}"),
                },
            };
        }

        return result;
    }

    private static PcmSampleFormat? Format(string value, string where) =>
        PcmSampleFormats.TryParse(value, out PcmSampleFormat format)
            ? format
            : throw new UsageException($"{where}: \"{value}\" is not a format this pedal converts ({string.Join(", ", PcmSampleFormats.All.Select(f => f.AlsaName()))})");

    private static string Precision(string value, string where) =>
        value is "int8" or "fp32" ? value : throw new UsageException($"{where}: \"{value}\" is not a precision (int8 or fp32)");
}
