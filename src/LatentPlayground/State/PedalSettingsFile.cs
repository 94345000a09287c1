using System.Globalization;
using System.Text.Json;
using LatentPlayground.Core.Json;
using LatentPlayground.Files;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Tempo;
using LatentPlayground.Hardware.Knobs;
using LatentPlayground.Midi.Clock;
using LatentPlayground.Midi.Mapping;

namespace LatentPlayground.State;

/// <summary>
/// <c>settings.json</c> in the pedal's state folder:
/// <code>{ "schema": 1, "last_preset": "07-quarter-note-pulse.json", "model": "my-rave-model", "clock_source": "midi", "bpm": 120, "midi_channel": "omni",
///   "midi_learned": { "20": "speed" }, "expression": { "min_code": 310, "max_code": 25400, "reversed": false } }</code>
/// A missing file means first boot: defaults. A broken one gives one message naming the field, and the
/// pedal boots on the defaults rather than not at all. Written atomically. Thread: control.
/// </summary>
public static class PedalSettingsFile
{
    public const int Schema = 1;
    public const string FileName = "settings.json";

    /// <summary>The folder for the pedal's state: $STATE_DIRECTORY (systemd's StateDirectory=), else ~/.local/state/latentplayground.</summary>
    public static string DefaultFolder
    {
        get
        {
            string? systemd = Environment.GetEnvironmentVariable("STATE_DIRECTORY");
            if (!string.IsNullOrEmpty(systemd))
            {
                return systemd.Split(':')[0];
            }

            string? state = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
            if (string.IsNullOrEmpty(state))
            {
                state = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
            }

            return Path.Combine(state, "latentplayground");
        }
    }

    /// <summary>The settings in <paramref name="folder"/>; defaults and a message when the file is broken.</summary>
    public static (PedalSettings Settings, string? Problem) Load(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return (new PedalSettings(), null);
        }

        try
        {
            return (Parse(InputFile.ReadAllText(path, InputFile.SmallJsonLimit, "settings file"), path), null);
        }
        catch (FormatException e)
        {
            return (new PedalSettings(), $"{e.Message}; starting from the default settings");
        }
        catch (InputFileException e)
        {
            return (new PedalSettings(), $"{e.Message}; starting from the default settings");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (new PedalSettings(), $"{path}: cannot read: {e.Message}; starting from the default settings");
        }
    }

    public static void Save(string folder, PedalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Directory.CreateDirectory(folder);
        AtomicFile.WriteText(Path.Combine(folder, FileName), Serialize(settings));
    }

    public static string Serialize(PedalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var file = new PedalSettingsContract(
            Schema,
            settings.LastPreset,
            settings.Model,
            ClockSourceNames.ToName(settings.ClockSource),
            Math.Round(settings.Bpm, 3),
            settings.MidiChannel == MidiMap.Omni
                ? JsonSerializer.SerializeToElement("omni", PedalSettingsContext.Default.String)
                : JsonSerializer.SerializeToElement(settings.MidiChannel, PedalSettingsContext.Default.Int32),
            settings.LearnedCcs.Count == 0 ? null : settings.LearnedCcs.OrderBy(b => b.Key).ToDictionary(
                b => b.Key.ToString(CultureInfo.InvariantCulture),
                b => b.Value.Kind switch
                {
                    CcBindingKind.Parameter => ParameterTable.Get(b.Value.Parameter).Name,
                    CcBindingKind.Action => "action:" + b.Value.Action,
                    _ => "none",
                }),
            settings.Expression is PedalCalibration e ? new CalibrationContract(e.MinCode, e.MaxCode, e.Reversed) : null);
        return JsonSerializer.Serialize(file, PedalSettingsContext.Default.PedalSettingsContract) + "\n";
    }

    /// <exception cref="FormatException">One line: the file, the field and the problem.</exception>
    public static PedalSettings Parse(string json, string source)
    {
        var errors = new PedalSettingsErrors(source);
        PedalSettingsContract file = JsonFile.Read(json, PedalSettingsContext.Default.PedalSettingsContract, errors);
        if (file.Schema is int schema && schema is < 1 or > Schema)
        {
            throw errors.Bad("schema", string.Create(CultureInfo.InvariantCulture, $"must be 1..{Schema}, not {schema}"));
        }

        var settings = new PedalSettings();
        if (file.LastPreset is string last)
        {
            settings = settings with { LastPreset = IsPlainFileName(last) ? last : throw errors.Bad("last_preset", "must be a preset file name in the bank, or null") };
        }

        if (file.Model is string model)
        {
            settings = settings with { Model = model.Length > 0 ? model : throw errors.Bad("model", "must be a model's name in the model library, or null for the default model") };
        }

        if (file.ClockSource is string clock)
        {
            settings = settings with
            {
                ClockSource = ClockSourceNames.TryParse(clock, out ClockSource c) ? c : throw errors.Bad("clock_source", $"must be internal, midi or tap, not \"{clock}\""),
            };
        }

        if (file.Bpm is double bpm)
        {
            settings = settings with
            {
                Bpm = bpm >= TempoClock.MinBpm && bpm <= TempoClock.MaxBpm
                    ? bpm
                    : throw errors.Bad("bpm", string.Create(CultureInfo.InvariantCulture, $"must be a number {TempoClock.MinBpm}..{TempoClock.MaxBpm}, not {bpm}")),
            };
        }

        if (file.MidiChannel.ValueKind != JsonValueKind.Undefined)
        {
            settings = settings with { MidiChannel = Channel(file.MidiChannel, errors) };
        }

        if (file.MidiLearned is { } learned)
        {
            settings = settings with { LearnedCcs = Learned(learned, errors) };
        }

        if (file.Expression is { } expression)
        {
            settings = settings with { Expression = Expression(expression, errors) };
        }

        return settings;
    }

    private static int Channel(JsonElement v, PedalSettingsErrors errors)
    {
        if (v.ValueKind == JsonValueKind.String && string.Equals(v.GetString(), "omni", StringComparison.OrdinalIgnoreCase))
        {
            return MidiMap.Omni;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int c) && c is >= 1 and <= 16)
        {
            return c;
        }

        throw errors.Bad("midi_channel", $"must be 1..16 or \"omni\", not {FieldErrors.Show(v)}");
    }

    private static Dictionary<int, CcBinding> Learned(Dictionary<string, string> entries, PedalSettingsErrors errors)
    {
        var learned = new Dictionary<int, CcBinding>();
        foreach ((string key, string? text) in entries)
        {
            string field = $"midi_learned.{key}";
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out int cc) || cc > MidiMap.MaxCc)
            {
                throw errors.Bad(field, $"is not a CC number 0..{MidiMap.MaxCc}");
            }

            learned[cc] = text switch
            {
                null => throw errors.Bad(field, $"must be {PedalSettingsErrors.LearnedValue}, not null"),
                "none" => CcBinding.None,
                _ when text.StartsWith("action:", StringComparison.Ordinal) && FootswitchActionName.IsValid(text[7..]) => CcBinding.ForAction(text[7..]),
                _ when ParameterTable.TryFind(text, out ParameterDescriptor d) => CcBinding.ForParameter(d.Id),
                _ => throw errors.Bad(field, $"\"{text}\" is not a parameter, \"action:NAME\" or \"none\""),
            };
        }

        return learned;
    }

    private static PedalCalibration Expression(CalibrationContract v, PedalSettingsErrors errors)
    {
        int Code(int? value, string name) =>
            value is int c && c >= 0 ? c : throw errors.Bad($"expression.{name}", "must be a whole number of at least 0");
        int min = Code(v.MinCode, "min_code"), max = Code(v.MaxCode, "max_code");
        return max > min
            ? new PedalCalibration(min, max, v.Reversed ?? false)
            : throw errors.Bad("expression.max_code", $"must be above min_code ({min})");
    }

    private static bool IsPlainFileName(string name) =>
        name.Length > 0 && name.IndexOfAny(['/', '\\']) < 0 && name is not ("." or "..");
}
