using System.Globalization;
using System.Text;
using System.Text.Json;
using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Core.Presets;

/// <summary>
/// Presets as human-readable JSON:
/// <code>
/// { "schema": 1, "name": "Glass drift", "model": null,
///   "parameters": { "basis": "simplex", "speed": 150, "time.1": "1/4", "mod": "on", ... },
///   "bending": null, "xy": null }
/// </code>
/// Parameter values are numbers, or the names the display shows (choice names, "on"/"off", note
/// values). Parameters a file leaves out take their defaults, so a hand-written preset can be short.
/// Pure text in and out: reading and writing files is the caller's business.
/// </summary>
public static class PresetJson
{
    /// <summary>The schema version this code writes and the newest it reads.</summary>
    public const int Schema = 1;

    /// <summary>
    /// The migrations from older schemas, in order: each takes a preset of its <see cref="PresetMigration.From"/>
    /// schema and returns it in the next one. Empty while schema 1 is the only one there has been; the
    /// change that brings schema 2 adds the step from 1 here, so every older file still loads.
    /// </summary>
    public static IReadOnlyList<PresetMigration> Migrations { get; } = [];

    /// <summary>Parses a preset. <paramref name="source"/> names it in error messages (a file name).</summary>
    /// <exception cref="PresetFormatException">Anything wrong, named in one line.</exception>
    public static Preset Parse(string json, string source) => Parse(json, source, Migrations);

    /// <summary>Parses a preset, bringing an older schema up to date with <paramref name="migrations"/> first.</summary>
    /// <exception cref="PresetFormatException">Anything wrong, named in one line.</exception>
    public static Preset Parse(string json, string source, IReadOnlyList<PresetMigration> migrations)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(migrations);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new PresetFormatException($"{source}: not valid JSON (line {e.LineNumber + 1}): {FirstLine(e.Message)}", e);
        }

        int fileSchema = doc.RootElement.ValueKind == JsonValueKind.Object
            && doc.RootElement.TryGetProperty("schema", out JsonElement declared)
            && declared.ValueKind == JsonValueKind.Number && declared.TryGetInt32(out int n) ? n : Schema;
        if (fileSchema >= 0 && fileSchema < Schema)
        {
            doc = Migrate(doc, fileSchema, source, migrations);
        }

        using (doc)
        {
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Bad(source, "(top level)", "must be a JSON object");
            }

            int schema = ReadSchema(root, source);
            if (schema > Schema)
            {
                throw Bad(source, "schema", $"{schema} is newer than this firmware reads ({Schema}); update the pedal");
            }

            string name = OptionalString(root, "name", source) ?? Path.GetFileNameWithoutExtension(source);
            var parameters = new ParameterSet();
            if (root.TryGetProperty("parameters", out JsonElement values))
            {
                if (values.ValueKind != JsonValueKind.Object)
                {
                    throw Bad(source, "parameters", "must be an object of name: value");
                }

                foreach (JsonProperty p in values.EnumerateObject())
                {
                    ReadParameter(parameters, p, source);
                }
            }

            foreach (JsonProperty p in root.EnumerateObject())
            {
                if (p.Name is not ("schema" or "name" or "model" or "parameters" or "bending" or "xy"))
                {
                    throw Bad(source, p.Name, "is not a preset field (schema, name, model, parameters, bending, xy)");
                }
            }

            return new Preset
            {
                Name = name,
                Model = OptionalString(root, "model", source),
                Parameters = parameters,
                Bending = OptionalString(root, "bending", source),
                Xy = OptionalString(root, "xy", source),
            };
        }
    }

    /// <summary>Writes a preset with every parameter, in table order, one per line.</summary>
    public static string Serialize(Preset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("schema", Schema);
            w.WriteString("name", preset.Name);
            WriteOptional(w, "model", preset.Model);
            w.WriteStartObject("parameters");
            foreach (ParameterDescriptor d in ParameterTable.All)
            {
                double v = preset.Parameters[d.Id];
                switch (d.Kind)
                {
                    case ParameterKind.Action:
                        break;
                    case ParameterKind.Toggle or ParameterKind.Choice:
                        w.WriteString(d.Name, d.Format(v));
                        break;
                    default:
                        w.WriteNumber(d.Name, Math.Round(v, 6));
                        break;
                }
            }

            w.WriteEndObject();
            WriteOptional(w, "bending", preset.Bending);
            WriteOptional(w, "xy", preset.Xy);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void ReadParameter(ParameterSet parameters, JsonProperty p, string source)
    {
        string field = $"parameters.{p.Name}";
        if (!ParameterTable.TryFind(p.Name, out ParameterDescriptor d))
        {
            throw Bad(source, field, "is not a parameter");
        }

        if (d.Kind == ParameterKind.Action)
        {
            throw Bad(source, field, "is an action and cannot be stored");
        }

        string text = p.Value.ValueKind switch
        {
            JsonValueKind.Number => p.Value.GetRawText(),
            JsonValueKind.String => p.Value.GetString()!,
            JsonValueKind.True => "on",
            JsonValueKind.False => "off",
            _ => throw Bad(source, field, $"must be a number or a name, not {p.Value.ValueKind.ToString().ToLowerInvariant()}"),
        };

        if (!d.TryParse(text, out double value, out string error))
        {
            // The descriptor's message starts with the parameter's name; the field path replaces it.
            string problem = error.StartsWith(d.Name + ": ", StringComparison.Ordinal) ? error[(d.Name.Length + 2)..] : error;
            throw Bad(source, field, problem);
        }

        parameters.Set(d.Id, value);
    }

    // Each step rewrites the whole object; the result is read as a current-schema preset, so a migration
    // that leaves something invalid is reported like any bad field.
    private static JsonDocument Migrate(JsonDocument doc, int schema, string source, IReadOnlyList<PresetMigration> migrations)
    {
        using (doc)
        {
            System.Text.Json.Nodes.JsonNode? node = System.Text.Json.Nodes.JsonNode.Parse(doc.RootElement.GetRawText());
            for (int version = schema; version < Schema; version++)
            {
                PresetMigration? step = migrations.FirstOrDefault(m => m.From == version);
                if (step is null || node is not System.Text.Json.Nodes.JsonObject obj)
                {
                    throw Bad(source, "schema", $"{schema} is older than this firmware can convert (from {Schema})");
                }

                node = step.Upgrade(obj);
                node["schema"] = version + 1;
            }

            return JsonDocument.Parse(node!.ToJsonString());
        }
    }

    private static int ReadSchema(JsonElement root, string source)
    {
        if (!root.TryGetProperty("schema", out JsonElement s))
        {
            throw Bad(source, "schema", "is missing");
        }

        if (s.ValueKind != JsonValueKind.Number || !s.TryGetInt32(out int schema) || schema < 1)
        {
            throw Bad(source, "schema", $"must be a whole number from 1, not {s.GetRawText()}");
        }

        return schema;
    }

    private static string? OptionalString(JsonElement root, string name, string source)
    {
        if (!root.TryGetProperty(name, out JsonElement e) || e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (e.ValueKind != JsonValueKind.String)
        {
            throw Bad(source, name, "must be a string");
        }

        return e.GetString();
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static PresetFormatException Bad(string source, string field, string problem) =>
        new($"{source}: {field}: {problem}");

    private static string FirstLine(string s)
    {
        int i = s.IndexOf('\n', StringComparison.Ordinal);
        return (i < 0 ? s : s[..i]).Trim();
    }
}
