using LatentPlayground.Core.Json;
using LatentPlayground.Core.Ui;

namespace LatentPlayground.Controls;

/// <summary>A controls map's problems as <see cref="FormatException"/> lines. Thread: startup.</summary>
internal sealed class ControlsMapErrors(string source) : FieldErrors(source)
{
    public override Exception UnknownField(string field, Type owner, IReadOnlyList<string> fields)
    {
        string list = string.Join(", ", fields);
        return Bad(field, owner == typeof(GesturesContract) ? $"is not a gesture ({list})"
            : owner == typeof(ExpressionContract) ? $"is not an expression field ({list})"
            : $"is not a controls map field ({list})");
    }

    protected override string? Expected(string pattern) => pattern switch
    {
        "schema" => "1",
        "footswitches" => "an object of footswitch name: gestures",
        "footswitches.*" => "an object with press, long and double",
        "footswitches.*.press" or "footswitches.*.long" or "footswitches.*.double" => "an action name",
        "knobs" => $"an object of page name: knob list (pages: {string.Join(", ", PanelPages.All)})",
        "expression" => "an object with parameter, heel and toe",
        "expression.parameter" => "a parameter name",
        _ => null,
    };
}
