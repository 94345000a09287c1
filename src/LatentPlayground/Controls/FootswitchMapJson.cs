using System.Text.Json;

namespace LatentPlayground.Controls;

/// <summary>
/// Reads the footswitch section of <c>hardware/controls.json</c>:
/// <code>{ "schema": 1, "footswitches": { "A": { "press": "bypass", "long": "tap-tempo", "double": "none" }, ... } }</code>
/// A footswitch the file leaves out keeps its default; a gesture left out does nothing. Errors name the
/// file and the field, e.g. <c>controls.json: footswitches.C.double: "sav" is not an action (...)</c>.
/// </summary>
public static class FootswitchMapJson
{
    public const int Schema = 1;

    /// <exception cref="FormatException">One line naming the file and the field.</exception>
    public static FootswitchMap Parse(string json, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
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
                throw Bad(source, "(top level)", "must be a JSON object");
            }

            if (!root.TryGetProperty("schema", out JsonElement schema) || schema.ValueKind != JsonValueKind.Number || !schema.TryGetInt32(out int s) || s != Schema)
            {
                throw Bad(source, "schema", $"must be {Schema}");
            }

            var map = new Dictionary<string, FootswitchGestures>(FootswitchMap.Default.Footswitches);
            foreach (JsonProperty top in root.EnumerateObject())
            {
                if (top.Name == "schema")
                {
                    continue;
                }

                if (top.Name != "footswitches")
                {
                    // Knob pages and the encoder belong to the same file; this reader leaves them to theirs.
                    if (top.Name is "pages" or "encoder" or "expression")
                    {
                        continue;
                    }

                    throw Bad(source, top.Name, "is not a controls map field (schema, footswitches, pages, encoder, expression)");
                }

                if (top.Value.ValueKind != JsonValueKind.Object)
                {
                    throw Bad(source, "footswitches", "must be an object of footswitch name: gestures");
                }

                foreach (JsonProperty sw in top.Value.EnumerateObject())
                {
                    map[sw.Name] = Gestures(sw, source);
                }
            }

            return new FootswitchMap(map);
        }
    }

    private static FootswitchGestures Gestures(JsonProperty sw, string source)
    {
        string path = $"footswitches.{sw.Name}";
        if (sw.Value.ValueKind != JsonValueKind.Object)
        {
            throw Bad(source, path, "must be an object with press, long and double");
        }

        string press = PedalActions.None, longPress = PedalActions.None, doublePress = PedalActions.None;
        foreach (JsonProperty g in sw.Value.EnumerateObject())
        {
            string field = $"{path}.{g.Name}";
            string action = g.Value.ValueKind == JsonValueKind.String ? g.Value.GetString()! : throw Bad(source, field, "must be an action name");
            if (!PedalActions.IsKnown(action))
            {
                throw Bad(source, field, $"\"{action}\" is not an action ({string.Join(", ", PedalActions.All)})");
            }

            switch (g.Name)
            {
                case "press":
                    press = action;
                    break;
                case "long":
                    longPress = action;
                    break;
                case "double":
                    doublePress = action;
                    break;
                default:
                    throw Bad(source, field, "is not a gesture (press, long, double)");
            }
        }

        return new FootswitchGestures(press, longPress, doublePress);
    }

    private static FormatException Bad(string source, string field, string problem) => new($"{source}: {field}: {problem}");
}
