using System.Globalization;
using System.Text;
using System.Text.Json;
using LatentPlayground.Audio.Files;
using LatentPlayground.Core.Tempo;
using LatentPlayground.Midi.Clock;
using LatentPlayground.Midi.Mapping;

namespace LatentPlayground.State;

/// <summary>
/// <c>settings.json</c> in the pedal's state folder:
/// <code>{ "schema": 1, "last_preset": "07-quarter-note-pulse.json", "clock_source": "midi", "bpm": 120, "midi_channel": "omni" }</code>
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
            return (Parse(File.ReadAllText(path), path), null);
        }
        catch (FormatException e)
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
                    _ => throw Bad(source, p.Name, "is not a setting (schema, last_preset, clock_source, bpm, midi_channel)"),
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

    private static bool IsPlainFileName(string name) =>
        name.Length > 0 && name.IndexOfAny(['/', '\\']) < 0 && name is not ("." or "..");

    private static FormatException Bad(string source, string field, string problem) => new($"{source}: {field}: {problem}");
}
