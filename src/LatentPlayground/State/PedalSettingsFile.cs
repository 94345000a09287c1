using System.Globalization;
using System.Text;
using System.Text.Json;
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
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("schema", Schema);
            if (settings.LastPreset is null)
            {
                w.WriteNull("last_preset");
            }
            else
            {
                w.WriteString("last_preset", settings.LastPreset);
            }

            if (settings.Model is not null)
            {
                w.WriteString("model", settings.Model);
            }

            w.WriteString("clock_source", ClockSourceNames.ToName(settings.ClockSource));
            w.WriteNumber("bpm", Math.Round(settings.Bpm, 3));
            if (settings.MidiChannel == MidiMap.Omni)
            {
                w.WriteString("midi_channel", "omni");
            }
            else
            {
                w.WriteNumber("midi_channel", settings.MidiChannel);
            }

            if (settings.LearnedCcs.Count > 0)
            {
                w.WriteStartObject("midi_learned");
                foreach ((int cc, CcBinding binding) in settings.LearnedCcs.OrderBy(b => b.Key))
                {
                    w.WriteString(cc.ToString(CultureInfo.InvariantCulture), binding.Kind switch
                    {
                        CcBindingKind.Parameter => ParameterTable.Get(binding.Parameter).Name,
                        CcBindingKind.Action => "action:" + binding.Action,
                        _ => "none",
                    });
                }

                w.WriteEndObject();
            }

            if (settings.Expression is PedalCalibration e)
            {
                w.WriteStartObject("expression");
                w.WriteNumber("min_code", e.MinCode);
                w.WriteNumber("max_code", e.MaxCode);
                w.WriteBoolean("reversed", e.Reversed);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <exception cref="FormatException">One line: the file, the field and the problem.</exception>
    public static PedalSettings Parse(string json, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source}: not valid JSON (line {e.LineNumber + 1})", e);
        }

        using (doc)
        {
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"{source}: must be a JSON object");
            }

            var settings = new PedalSettings();
            foreach (JsonProperty p in root.EnumerateObject())
            {
                JsonElement v = p.Value;
                settings = p.Name switch
                {
                    "schema" => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int s) && s is >= 1 and <= Schema
                        ? settings
                        : throw Bad(source, "schema", $"must be 1..{Schema}, not {v.GetRawText()}"),
                    "last_preset" => settings with
                    {
                        LastPreset = v.ValueKind switch
                        {
                            JsonValueKind.Null => null,
                            JsonValueKind.String when IsPlainFileName(v.GetString()!) => v.GetString(),
                            _ => throw Bad(source, "last_preset", "must be a preset file name in the bank, or null"),
                        },
                    },
                    "model" => settings with
                    {
                        Model = v.ValueKind switch
                        {
                            JsonValueKind.Null => null,
                            JsonValueKind.String when v.GetString()!.Length > 0 => v.GetString(),
                            _ => throw Bad(source, "model", "must be a model's name in the model library, or null for the default model"),
                        },
                    },
                    "clock_source" => settings with
                    {
                        ClockSource = v.ValueKind == JsonValueKind.String && ClockSourceNames.TryParse(v.GetString(), out ClockSource c)
                            ? c
                            : throw Bad(source, "clock_source", $"must be internal, midi or tap, not {v.GetRawText()}"),
                    },
                    "bpm" => settings with
                    {
                        Bpm = v.ValueKind == JsonValueKind.Number && v.GetDouble() is double b && b >= TempoClock.MinBpm && b <= TempoClock.MaxBpm
                            ? b
                            : throw Bad(source, "bpm", string.Create(CultureInfo.InvariantCulture, $"must be a number {TempoClock.MinBpm}..{TempoClock.MaxBpm}, not {v.GetRawText()}")),
                    },
                    "midi_channel" => settings with { MidiChannel = Channel(v, source) },
                    "midi_learned" => settings with { LearnedCcs = Learned(v, source) },
                    "expression" => settings with { Expression = Expression(v, source) },
                    _ => throw Bad(source, p.Name, "is not a setting (schema, last_preset, model, clock_source, bpm, midi_channel, midi_learned, expression)"),
                };
            }

            return settings;
        }
    }

    private static int Channel(JsonElement v, string source)
    {
        if (v.ValueKind == JsonValueKind.String && string.Equals(v.GetString(), "omni", StringComparison.OrdinalIgnoreCase))
        {
            return MidiMap.Omni;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int c) && c is >= 1 and <= 16)
        {
            return c;
        }

        throw Bad(source, "midi_channel", $"must be 1..16 or \"omni\", not {v.GetRawText()}");
    }

    private static Dictionary<int, CcBinding> Learned(JsonElement v, string source)
    {
        if (v.ValueKind != JsonValueKind.Object)
        {
            throw Bad(source, "midi_learned", "must be an object of CC number: parameter name, \"action:NAME\" or \"none\"");
        }

        var learned = new Dictionary<int, CcBinding>();
        foreach (JsonProperty p in v.EnumerateObject())
        {
            string field = $"midi_learned.{p.Name}";
            if (!int.TryParse(p.Name, NumberStyles.None, CultureInfo.InvariantCulture, out int cc) || cc > MidiMap.MaxCc)
            {
                throw Bad(source, field, $"is not a CC number 0..{MidiMap.MaxCc}");
            }

            string text = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : throw Bad(source, field, "must be a parameter name, \"action:NAME\" or \"none\"");
            learned[cc] = text switch
            {
                "none" => CcBinding.None,
                _ when text.StartsWith("action:", StringComparison.Ordinal) && FootswitchActionName.IsValid(text[7..]) => CcBinding.ForAction(text[7..]),
                _ when ParameterTable.TryFind(text, out ParameterDescriptor d) => CcBinding.ForParameter(d.Id),
                _ => throw Bad(source, field, $"\"{text}\" is not a parameter, \"action:NAME\" or \"none\""),
            };
        }

        return learned;
    }

    private static PedalCalibration Expression(JsonElement v, string source)
    {
        int Code(string name) =>
            v.ValueKind == JsonValueKind.Object && v.TryGetProperty(name, out JsonElement e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int c) && c >= 0
                ? c
                : throw Bad(source, $"expression.{name}", "must be a whole number of at least 0");
        int min = Code("min_code"), max = Code("max_code");
        if (max <= min)
        {
            throw Bad(source, "expression.max_code", $"must be above min_code ({min})");
        }

        bool reversed = v.TryGetProperty("reversed", out JsonElement r) && (r.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? r.GetBoolean()
            : throw Bad(source, "expression.reversed", "must be true or false"));
        return new PedalCalibration(min, max, reversed);
    }

    private static bool IsPlainFileName(string name) =>
        name.Length > 0 && name.IndexOfAny(['/', '\\']) < 0 && name is not ("." or "..");

    private static FormatException Bad(string source, string field, string problem) => new($"{source}: {field}: {problem}");
}
