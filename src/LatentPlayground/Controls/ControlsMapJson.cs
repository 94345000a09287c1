using System.Text.Json;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Ui;

namespace LatentPlayground.Controls;

/// <summary>
/// Reads <c>hardware/controls.json</c>:
/// <code>
/// { "schema": 1,
///   "footswitches": { "A": { "press": "bypass", "long": "tap-tempo", "double": "none" }, ... },
///   "knobs": { "home": ["drywet", "deviation", "speed", "scale"], "offsets": [["offset.1", ...], ["offset.5", ...]], ... },
///   "expression": { "parameter": "drywet", "heel": 0, "toe": 100 } }
/// </code>
/// A section, footswitch or page the file leaves out keeps its default; a gesture left out does nothing.
/// Errors name the file and the field, e.g. <c>controls.json: knobs.offsets[1][2]: "offset.9" is not a parameter</c>.
/// </summary>
public static class ControlsMapJson
{
    public const int Schema = 1;

    /// <summary>Knobs a page layer may list (the pin map may wire fewer; the rest then do nothing).</summary>
    public const int MaxKnobs = 8;

    /// <exception cref="FormatException">One line naming the file and the field.</exception>
    public static ControlsMap Parse(string json, string source)
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

            ControlsMap map = ControlsMap.Default;
            foreach (JsonProperty top in root.EnumerateObject())
            {
                switch (top.Name)
                {
                    case "schema":
                        break;
                    case "footswitches":
                        map = map with { Footswitches = Footswitches(top.Value, source) };
                        break;
                    case "knobs":
                        map = map with { Knobs = Knobs(top.Value, source) };
                        break;
                    case "expression":
                        map = map with { Expression = Expression(top.Value, source) };
                        break;
                    default:
                        throw Bad(source, top.Name, "is not a controls map field (schema, footswitches, knobs, expression)");
                }
            }

            return map;
        }
    }

    private static FootswitchMap Footswitches(JsonElement section, string source)
    {
        if (section.ValueKind != JsonValueKind.Object)
        {
            throw Bad(source, "footswitches", "must be an object of footswitch name: gestures");
        }

        var map = new Dictionary<string, FootswitchGestures>(FootswitchMap.Default.Footswitches);
        foreach (JsonProperty sw in section.EnumerateObject())
        {
            map[sw.Name] = Gestures(sw, source);
        }

        return new FootswitchMap(map);
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

    // A page is a list of parameter names by knob (null: the knob does nothing there), or a list of such lists (layers).
    private static KnobLayout Knobs(JsonElement section, string source)
    {
        if (section.ValueKind != JsonValueKind.Object)
        {
            throw Bad(source, "knobs", $"must be an object of page name: knob list (pages: {string.Join(", ", PanelPages.All)})");
        }

        var pages = new Dictionary<PanelPage, IReadOnlyList<IReadOnlyList<ParameterId?>>>(KnobLayout.Default.Pages);
        foreach (JsonProperty p in section.EnumerateObject())
        {
            string path = $"knobs.{p.Name}";
            if (!PanelPages.TryParse(p.Name, out PanelPage page))
            {
                throw Bad(source, path, $"is not a page ({string.Join(", ", PanelPages.All)})");
            }

            if (p.Value.ValueKind != JsonValueKind.Array || p.Value.GetArrayLength() == 0)
            {
                throw Bad(source, path, "must be a non-empty list of parameter names by knob, or a list of such lists");
            }

            bool layered = p.Value[0].ValueKind == JsonValueKind.Array;
            var layers = new List<IReadOnlyList<ParameterId?>>();
            if (layered)
            {
                int i = 0;
                foreach (JsonElement layer in p.Value.EnumerateArray())
                {
                    string layerPath = $"{path}[{i++}]";
                    layers.Add(layer.ValueKind == JsonValueKind.Array ? Layer(layer, layerPath, source) : throw Bad(source, layerPath, "must be a list of parameter names, like the other layers"));
                }
            }
            else
            {
                layers.Add(Layer(p.Value, path, source));
            }

            pages[page] = layers;
        }

        return new KnobLayout(pages);
    }

    private static List<ParameterId?> Layer(JsonElement list, string path, string source)
    {
        if (list.GetArrayLength() > MaxKnobs)
        {
            throw Bad(source, path, $"lists {list.GetArrayLength()} knobs; at most {MaxKnobs}");
        }

        var knobs = new List<ParameterId?>();
        int k = 0;
        foreach (JsonElement e in list.EnumerateArray())
        {
            string field = $"{path}[{k++}]";
            if (e.ValueKind == JsonValueKind.Null)
            {
                knobs.Add(null);
                continue;
            }

            knobs.Add(KnobParameter(e, field, source));
        }

        return knobs;
    }

    private static ParameterId KnobParameter(JsonElement e, string field, string source)
    {
        string name = e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Bad(source, field, "must be a parameter name or null");
        if (!ParameterTable.TryFind(name, out ParameterDescriptor d))
        {
            throw Bad(source, field, $"\"{name}\" is not a parameter (latentplayground params lists them)");
        }

        if (d.Kind == ParameterKind.Action)
        {
            throw Bad(source, field, $"\"{name}\" is an action, which a knob cannot hold; put it on a footswitch or a CC");
        }

        return d.Id;
    }

    private static ExpressionBinding Expression(JsonElement section, string source)
    {
        if (section.ValueKind != JsonValueKind.Object)
        {
            throw Bad(source, "expression", "must be an object with parameter, heel and toe");
        }

        if (!section.TryGetProperty("parameter", out JsonElement p))
        {
            throw Bad(source, "expression.parameter", "is missing");
        }

        ParameterDescriptor d = ParameterTable.Get(KnobParameter(p, "expression.parameter", source));
        double heel = d.Min, toe = d.Max;
        foreach (JsonProperty f in section.EnumerateObject())
        {
            switch (f.Name)
            {
                case "parameter":
                    break;
                case "heel":
                    heel = Value(d, f.Value, "expression.heel", source);
                    break;
                case "toe":
                    toe = Value(d, f.Value, "expression.toe", source);
                    break;
                default:
                    throw Bad(source, $"expression.{f.Name}", "is not an expression field (parameter, heel, toe)");
            }
        }

        return new ExpressionBinding(d.Id, heel, toe);
    }

    // A number, or text in the parameter's own terms ("50 %", "on", "fold").
    private static double Value(ParameterDescriptor d, JsonElement e, string field, string source)
    {
        string text = e.ValueKind switch
        {
            JsonValueKind.Number => e.GetRawText(),
            JsonValueKind.String => e.GetString()!,
            _ => throw Bad(source, field, $"must be a value of {d.Name}"),
        };
        return d.TryParse(text, out double v, out string error) ? v : throw Bad(source, field, error);
    }

    private static FormatException Bad(string source, string field, string problem) => new($"{source}: {field}: {problem}");
}
