using LatentPlayground.Files;
using System.Globalization;
using System.Text.Json;
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

    private static readonly string[] Fields =
    [
        "schema", "capture", "playback", "rate", "channels", "format", "period", "periods", "budget_ms", "pace",
        "audio_thread", "inference_thread", "model", "precision", "preset", "preset_bank", "models_folder", "extra_model_folders",
        "state_dir", "hardware_map", "controls_map", "midi_inputs", "status_interval_s",
    ];

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
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new UsageException($"{source}: not valid JSON (line {e.LineNumber + 1}): {e.Message.Split('\n')[0]}", e);
        }

        using (doc)
        {
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new UsageException($"{source}: the config must be a JSON object");
            }

            foreach (JsonProperty p in root.EnumerateObject())
            {
                if (!Fields.Contains(p.Name, StringComparer.Ordinal))
                {
                    throw new UsageException($"{source}: {p.Name}: not a config field ({string.Join(", ", Fields)})");
                }
            }

            var reader = new FieldReader(root, source, folder);
            return Read(reader);
        }
    }

    private static RunConfig Read(FieldReader r)
    {
        int? schema = r.Int("schema");
        if (schema is int s && s != Schema)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{r.Where("schema")}: {s} is not a schema this firmware reads ({Schema})"));
        }

        var config = new RunConfig();
        config = r.Set(config, "capture", r.String("capture"), (c, v) => c with { Capture = ConfigRules.Device(v, r.Where("capture")) });
        config = r.Set(config, "playback", r.String("playback"), (c, v) => c with { Playback = ConfigRules.Device(v, r.Where("playback")) });
        config = r.SetValue(config, "rate", r.Int("rate"), (c, v) => c with { Rate = ConfigRules.Rate(v, r.Where("rate")) });
        config = r.SetValue(config, "channels", r.Int("channels"), (c, v) => c with { Channels = ConfigRules.Channels(v, r.Where("channels")) });
        config = r.Set(config, "format", r.String("format"), (c, v) => c with { Format = Format(v, r.Where("format")) });
        config = r.SetValue(config, "period", r.Int("period"), (c, v) => c with { Period = ConfigRules.Period(v, r.Where("period")) });
        config = r.SetValue(config, "periods", r.Int("periods"), (c, v) => c with { Periods = ConfigRules.Periods(v, r.Where("periods")) });
        config = r.Set(config, "budget_ms", r.Text("budget_ms"), (c, v) => c with { BudgetMilliseconds = ConfigRules.Budget(v, r.Where("budget_ms")) });
        config = r.Set(config, "pace", r.Text("pace"), (c, v) => c with { Pace = ConfigRules.Pace(v, r.Where("pace")) });
        config = r.Set(config, "audio_thread", r.Thread("audio_thread", config.AudioThread), (c, v) => c with { AudioThread = v });
        config = r.Set(config, "inference_thread", r.Thread("inference_thread", config.InferenceThread), (c, v) => c with { InferenceThread = v });
        config = r.Set(config, "model", r.Path("model", folder: true), (c, v) => c with { Model = v });
        config = r.Set(config, "precision", r.String("precision"), (c, v) => c with { Precision = Precision(v, r.Where("precision")) });
        config = r.Set(config, "preset", r.Path("preset", folder: false), (c, v) => c with { Preset = v });
        config = r.Set(config, "preset_bank", r.Path("preset_bank", folder: true), (c, v) => c with { PresetBank = v });
        config = r.Set(config, "models_folder", r.Path("models_folder", folder: true), (c, v) => c with { ModelsFolder = v });
        config = r.Set(config, "extra_model_folders", r.Paths("extra_model_folders", folders: true), (c, v) => c with { ExtraModelFolders = v });
        config = r.Set(config, "state_dir", r.Path("state_dir", folder: true), (c, v) => c with { StateDir = v });
        config = r.Set(config, "hardware_map", r.Path("hardware_map", folder: false), (c, v) => c with { HardwareMap = v });
        config = r.Set(config, "controls_map", r.Path("controls_map", folder: false), (c, v) => c with { ControlsMap = v });
        config = r.Set(config, "midi_inputs", r.Paths("midi_inputs"), (c, v) => c with { MidiInputs = v });
        config = r.SetValue(config, "status_interval_s", r.Number("status_interval_s"), (c, v) => c with { StatusIntervalSeconds = ConfigRules.StatusInterval(v, r.Where("status_interval_s")) });
        ConfigRules.PriorityOrder(config);
        return config;
    }

    private static PcmSampleFormat? Format(string value, string where) =>
        PcmSampleFormats.TryParse(value, out PcmSampleFormat format)
            ? format
            : throw new UsageException($"{where}: \"{value}\" is not a format this pedal converts ({string.Join(", ", PcmSampleFormats.All.Select(f => f.AlsaName()))})");

    private static string Precision(string value, string where) =>
        value is "int8" or "fp32" ? value : throw new UsageException($"{where}: \"{value}\" is not a precision (int8 or fp32)");
}
