using System.Globalization;
using System.Text.Json;
using LatentPlayground.Core.Json;
using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Core.Presets;

/// <summary>
/// Presets as human-readable JSON:
/// <code>
/// { "schema": 1, "name": "Glass drift", "model": null,
///   "parameters": { "basis": "simplex", "speed": 150, "time.1": "1/4", "mod": "on", ... },
///   "bending": null, "xy": null, "latents": null }
/// </code>
/// Parameter values are numbers, or the names the display shows (choice names, "on"/"off", note
/// values). Parameters a file leaves out take their defaults, so a hand-written preset can be short.
/// Pure text in and out: reading and writing files is the caller's business. The file's shape is
/// <see cref="PresetContract"/>; this checks the values. Thread: any (no state).
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
        ArgumentNullException.ThrowIfNull(migrations);
        var errors = new PresetErrors(source);
        JsonDocument doc = JsonFile.Parse(json, PresetContext.Default.Options, errors);
        int fileSchema = doc.RootElement.ValueKind == JsonValueKind.Object
            && doc.RootElement.TryGetProperty("schema", out JsonElement declared)
            && declared.ValueKind == JsonValueKind.Number && declared.TryGetInt32(out int n) ? n : Schema;
        if (fileSchema >= 0 && fileSchema < Schema)
        {
            doc = Migrate(doc, fileSchema, errors, migrations);
        }

        PresetContract file;
        using (doc)
        {
            file = JsonFile.Read(doc.RootElement, PresetContext.Default.PresetContract, errors);
        }

        int schema = errors.Required(file.Schema, "schema");
        if (schema < 1)
        {
            throw errors.Bad("schema", string.Create(CultureInfo.InvariantCulture, $"must be a whole number from 1, not {schema}"));
        }

        if (schema > Schema)
        {
            throw errors.Bad("schema", string.Create(CultureInfo.InvariantCulture, $"{schema} is newer than this firmware reads ({Schema}); update the pedal"));
        }

        var parameters = new ParameterSet();
        foreach ((string name, JsonElement value) in file.Parameters ?? [])
        {
            ReadParameter(parameters, name, value, errors);
        }

        return new Preset
        {
            Name = file.Name ?? Path.GetFileNameWithoutExtension(source),
            Model = file.Model,
            Parameters = parameters,
            Bending = file.Bending,
            Xy = file.Xy,
            Latents = file.Latents,
        };
    }

    /// <summary>Writes a preset with every parameter, in table order, one per line.</summary>
    public static string Serialize(Preset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        var values = new Dictionary<string, JsonElement>();
        foreach (ParameterDescriptor d in ParameterTable.All)
        {
            double v = preset.Parameters[d.Id];
            switch (d.Kind)
            {
                case ParameterKind.Action:
                    break;
                case ParameterKind.Toggle or ParameterKind.Choice:
                    values[d.Name] = JsonSerializer.SerializeToElement(d.Format(v), PresetContext.Default.String);
                    break;
                default:
                    values[d.Name] = JsonSerializer.SerializeToElement(Math.Round(v, 6), PresetContext.Default.Double);
                    break;
            }
        }

        var file = new PresetContract(Schema, preset.Name, preset.Model, values, preset.Bending, preset.Xy, preset.Latents);
        return JsonSerializer.Serialize(file, PresetContext.Default.PresetContract) + "\n";
    }

    private static void ReadParameter(ParameterSet parameters, string name, JsonElement value, PresetErrors errors)
    {
        string field = $"parameters.{name}";
        if (!ParameterTable.TryFind(name, out ParameterDescriptor d))
        {
            throw errors.Bad(field, "is not a parameter");
        }

        if (d.Kind == ParameterKind.Action)
        {
            throw errors.Bad(field, "is an action and cannot be stored");
        }

        string text = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.True => "on",
            JsonValueKind.False => "off",
            _ => throw errors.Bad(field, $"must be a number or a name, not {FieldErrors.Show(value)}"),
        };

        if (!d.TryParse(text, out double parsed, out string error))
        {
            // The descriptor's message starts with the parameter's name; the field path replaces it.
            string problem = error.StartsWith(d.Name + ": ", StringComparison.Ordinal) ? error[(d.Name.Length + 2)..] : error;
            throw errors.Bad(field, problem);
        }

        parameters.Set(d.Id, parsed);
    }

    // Each step rewrites the whole object; the result is read as a current-schema preset, so a migration
    // that leaves something invalid is reported like any bad field.
    private static JsonDocument Migrate(JsonDocument doc, int schema, PresetErrors errors, IReadOnlyList<PresetMigration> migrations)
    {
        using (doc)
        {
            System.Text.Json.Nodes.JsonNode? node = System.Text.Json.Nodes.JsonNode.Parse(
                doc.RootElement.GetRawText(), documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            for (int version = schema; version < Schema; version++)
            {
                PresetMigration? step = migrations.FirstOrDefault(m => m.From == version);
                if (step is null || node is not System.Text.Json.Nodes.JsonObject obj)
                {
                    throw errors.Bad("schema", $"{schema} is older than this firmware can convert (from {Schema})");
                }

                node = step.Upgrade(obj);
                node["schema"] = version + 1;
            }

            return JsonDocument.Parse(node!.ToJsonString());
        }
    }
}
