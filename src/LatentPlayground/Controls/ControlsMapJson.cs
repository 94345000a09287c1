using System.Text.Json;
using LatentPlayground.Core.Json;
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
/// The file's shape is <see cref="ControlsMapContract"/>; this checks the names and values. Thread: startup.
/// </summary>
public static class ControlsMapJson
{
    public const int Schema = 1;

    /// <summary>Knobs a page layer may list (the pin map may wire fewer; the rest then do nothing).</summary>
    public const int MaxKnobs = 8;

    /// <exception cref="FormatException">One line naming the file and the field.</exception>
    public static ControlsMap Parse(string json, string source)
    {
        var errors = new ControlsMapErrors(source);
        ControlsMapContract file = JsonFile.Read(json, ControlsMapContext.Default.ControlsMapContract, errors);
        if (file.Schema != Schema)
        {
            throw errors.Bad("schema", $"must be {Schema}");
        }

        ControlsMap map = ControlsMap.Default;
        if (file.Footswitches is { } footswitches)
        {
            var switches = new Dictionary<string, FootswitchGestures>(FootswitchMap.Default.Footswitches);
            foreach ((string name, GesturesContract gestures) in footswitches)
            {
                string path = $"footswitches.{name}";
                switches[name] = new FootswitchGestures(
                    Action(gestures.Press, $"{path}.press", errors),
                    Action(gestures.Long, $"{path}.long", errors),
                    Action(gestures.Double, $"{path}.double", errors));
            }

            map = map with { Footswitches = new FootswitchMap(switches) };
        }

        if (file.Knobs is { } knobs)
        {
            map = map with { Knobs = Knobs(knobs, errors) };
        }

        if (file.Expression is { } expression)
        {
            map = map with { Expression = Expression(expression, errors) };
        }

        return map;
    }

    // A gesture left out does nothing.
    private static string Action(string? action, string field, ControlsMapErrors errors) =>
        action is null ? PedalActions.None
        : PedalActions.IsKnown(action) ? action
        : throw errors.Bad(field, $"\"{action}\" is not an action ({string.Join(", ", PedalActions.All)})");

    // A page is a list of parameter names by knob (null: the knob does nothing there), or a list of such lists (layers).
    private static KnobLayout Knobs(Dictionary<string, JsonElement> section, ControlsMapErrors errors)
    {
        var pages = new Dictionary<PanelPage, IReadOnlyList<IReadOnlyList<ParameterId?>>>(KnobLayout.Default.Pages);
        foreach ((string name, JsonElement value) in section)
        {
            string path = $"knobs.{name}";
            if (!PanelPages.TryParse(name, out PanelPage page))
            {
                throw errors.Bad(path, $"is not a page ({string.Join(", ", PanelPages.All)})");
            }

            if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
            {
                throw errors.Bad(path, "must be a non-empty list of parameter names by knob, or a list of such lists");
            }

            bool layered = value[0].ValueKind == JsonValueKind.Array;
            var layers = new List<IReadOnlyList<ParameterId?>>();
            if (layered)
            {
                int i = 0;
                foreach (JsonElement layer in value.EnumerateArray())
                {
                    string layerPath = $"{path}[{i++}]";
                    layers.Add(layer.ValueKind == JsonValueKind.Array ? Layer(layer, layerPath, errors) : throw errors.Bad(layerPath, "must be a list of parameter names, like the other layers"));
                }
            }
            else
            {
                layers.Add(Layer(value, path, errors));
            }

            pages[page] = layers;
        }

        return new KnobLayout(pages);
    }

    private static List<ParameterId?> Layer(JsonElement list, string path, ControlsMapErrors errors)
    {
        if (list.GetArrayLength() > MaxKnobs)
        {
            throw errors.Bad(path, $"lists {list.GetArrayLength()} knobs; at most {MaxKnobs}");
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

            knobs.Add(KnobParameter(e, field, errors));
        }

        return knobs;
    }

    private static ParameterId KnobParameter(JsonElement e, string field, ControlsMapErrors errors) =>
        e.ValueKind == JsonValueKind.String
            ? KnobParameter(e.GetString()!, field, errors)
            : throw errors.Bad(field, $"must be a parameter name or null, not {FieldErrors.Show(e)}");

    private static ParameterId KnobParameter(string name, string field, ControlsMapErrors errors)
    {
        if (!ParameterTable.TryFind(name, out ParameterDescriptor d))
        {
            throw errors.Bad(field, $"\"{name}\" is not a parameter (latentplayground params lists them)");
        }

        if (d.Kind == ParameterKind.Action)
        {
            throw errors.Bad(field, $"\"{name}\" is an action, which a knob cannot hold; put it on a footswitch or a CC");
        }

        return d.Id;
    }

    private static ExpressionBinding Expression(ExpressionContract section, ControlsMapErrors errors)
    {
        ParameterDescriptor d = ParameterTable.Get(KnobParameter(errors.Required(section.Parameter, "expression.parameter"), "expression.parameter", errors));
        double heel = Value(d, section.Heel, "expression.heel", errors) ?? d.Min;
        double toe = Value(d, section.Toe, "expression.toe", errors) ?? d.Max;
        return new ExpressionBinding(d.Id, heel, toe);
    }

    // A number, or text in the parameter's own terms ("50 %", "on", "fold").
    private static double? Value(ParameterDescriptor d, JsonElement e, string field, ControlsMapErrors errors)
    {
        string? text = e.ValueKind switch
        {
            JsonValueKind.Undefined or JsonValueKind.Null => null,
            JsonValueKind.Number => e.GetRawText(),
            JsonValueKind.String => e.GetString()!,
            _ => throw errors.Bad(field, $"must be a value of {d.Name}, not {FieldErrors.Show(e)}"),
        };
        return text is null ? null : d.TryParse(text, out double v, out string error) ? v : throw errors.Bad(field, error);
    }
}
