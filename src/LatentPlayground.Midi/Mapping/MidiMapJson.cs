using System.Globalization;
using System.Text;
using System.Text.Json;
using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Midi.Mapping;

/// <summary>
/// The MIDI map as human-readable JSON, keyed by CC number because a CC drives exactly one thing:
/// <code>
/// { "schema": 1, "channel": "omni",
///   "parameters": { "3": "encode", "9": "decode", "14": "drywet", ... },
///   "actions": { "80": "bypass", "81": "next-preset" } }
/// </code>
/// <c>channel</c> is "omni" or 1..16 as printed on devices. A file that leaves out <c>parameters</c> gets the
/// default parameter map (minus the CCs its actions take), so a hand-written file can add just a few actions;
/// an empty object unbinds them all.
/// Pure text in and out (no reflection): reading and writing files is the caller's business. Any thread.
/// </summary>
public static class MidiMapJson
{
    /// <summary>The schema version this code writes and the newest it reads.</summary>
    public const int Schema = 1;

    /// <summary>Parses a map. <paramref name="source"/> names it in error messages (a file name). Thread: any.</summary>
    /// <exception cref="MidiMapFormatException">Anything wrong, named in one line.</exception>
    public static MidiMap Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            string first = e.Message.Split('\n')[0].Trim();
            throw new MidiMapFormatException($"{source}: not valid JSON (line {e.LineNumber + 1}): {first}", e);
        }

        using (doc)
        {
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Bad(source, "(top level)", "must be a JSON object");
            }

            foreach (JsonProperty p in root.EnumerateObject())
            {
                if (p.Name is not ("schema" or "channel" or "parameters" or "actions"))
                {
                    throw Bad(source, p.Name, "is not a MIDI map field (schema, channel, parameters, actions)");
                }
            }

            ReadSchema(root, source);
            var map = new MidiMap { Channel = ReadChannel(root, source) };
            if (root.TryGetProperty("parameters", out JsonElement parameters))
            {
                foreach (JsonProperty p in Entries(parameters, "parameters", source))
                {
                    int cc = ReadCc(map, p, "parameters", source);
                    string field = $"parameters.{p.Name}";
                    if (p.Value.ValueKind != JsonValueKind.String || !ParameterTable.TryFind(p.Value.GetString()!, out ParameterDescriptor d))
                    {
                        throw Bad(source, field, $"{p.Value.GetRawText()} is not a parameter name (see 'latentplayground params')");
                    }

                    map.Bind(cc, CcBinding.ForParameter(d.Id));
                }
            }

            if (root.TryGetProperty("actions", out JsonElement actions))
            {
                foreach (JsonProperty p in Entries(actions, "actions", source))
                {
                    int cc = ReadCc(map, p, "actions", source);
                    string? name = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null;
                    if (!FootswitchActionName.IsValid(name))
                    {
                        throw Bad(source, $"actions.{p.Name}", $"{p.Value.GetRawText()} is not an action name ({FootswitchActionName.Rule})");
                    }

                    map.Bind(cc, CcBinding.ForAction(name!));
                }
            }

            if (!root.TryGetProperty("parameters", out _))
            {
                // Defaults fill the CCs the file's actions left free: an action placed on a default CC wins.
                foreach (ParameterDescriptor d in ParameterTable.All)
                {
                    if (map.GetBinding(d.DefaultCc).Kind == CcBindingKind.None)
                    {
                        map.Bind(d.DefaultCc, CcBinding.ForParameter(d.Id));
                    }
                }
            }

            return map;
        }
    }

    /// <summary>Writes a map: every bound CC in number order, parameters then actions. Thread: the map's owner.</summary>
    public static string Serialize(MidiMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("schema", Schema);
            if (map.Channel == MidiMap.Omni)
            {
                w.WriteString("channel", "omni");
            }
            else
            {
                w.WriteNumber("channel", map.Channel + 1);
            }

            WriteBindings(w, map, "parameters", CcBindingKind.Parameter);
            WriteBindings(w, map, "actions", CcBindingKind.Action);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteBindings(Utf8JsonWriter w, MidiMap map, string name, CcBindingKind kind)
    {
        w.WriteStartObject(name);
        for (int cc = 0; cc <= MidiMap.MaxCc; cc++)
        {
            CcBinding b = map.GetBinding(cc);
            if (b.Kind != kind)
            {
                continue;
            }

            string key = cc.ToString(CultureInfo.InvariantCulture);
            w.WriteString(key, kind == CcBindingKind.Parameter ? ParameterTable.Get(b.Parameter).Name : b.Action);
        }

        w.WriteEndObject();
    }

    private static JsonElement.ObjectEnumerator Entries(JsonElement element, string field, string source)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Bad(source, field, "must be an object of \"CC\": name");
        }

        return element.EnumerateObject();
    }

    // A CC key must be a plain number 0..119, and appear once in the whole file: two entries for one CC would
    // leave which one wins to the order of the file.
    private static int ReadCc(MidiMap map, JsonProperty p, string section, string source)
    {
        string field = $"{section}.{p.Name}";
        if (!int.TryParse(p.Name, NumberStyles.None, CultureInfo.InvariantCulture, out int cc) || cc > MidiMap.MaxCc)
        {
            throw Bad(source, field, $"'{p.Name}' is not a CC number 0..{MidiMap.MaxCc}");
        }

        CcBinding existing = map.GetBinding(cc);
        if (existing.Kind != CcBindingKind.None)
        {
            throw Bad(source, field, $"CC {cc} is already bound to {existing.Describe()}");
        }

        return cc;
    }

    private static void ReadSchema(JsonElement root, string source)
    {
        if (!root.TryGetProperty("schema", out JsonElement s))
        {
            throw Bad(source, "schema", "is missing");
        }

        if (s.ValueKind != JsonValueKind.Number || !s.TryGetInt32(out int schema) || schema < 1)
        {
            throw Bad(source, "schema", $"must be a whole number from 1, not {s.GetRawText()}");
        }

        if (schema > Schema)
        {
            throw Bad(source, "schema", $"{schema} is newer than this firmware reads ({Schema}); update the pedal");
        }
    }

    private static int ReadChannel(JsonElement root, string source)
    {
        if (!root.TryGetProperty("channel", out JsonElement c))
        {
            return MidiMap.Omni;
        }

        if (c.ValueKind == JsonValueKind.String && string.Equals(c.GetString(), "omni", StringComparison.OrdinalIgnoreCase))
        {
            return MidiMap.Omni;
        }

        if (c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out int channel) && channel is >= 1 and <= 16)
        {
            return channel - 1;
        }

        throw Bad(source, "channel", $"must be \"omni\" or 1..16, not {c.GetRawText()}");
    }

    private static MidiMapFormatException Bad(string source, string field, string problem) =>
        new($"{source}: {field}: {problem}");
}
