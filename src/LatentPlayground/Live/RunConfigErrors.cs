using System.Text.Json;
using LatentPlayground.Core.Json;

namespace LatentPlayground.Live;

/// <summary>
/// A run config's problems as <see cref="UsageException"/> lines, in the words the command line's checks use
/// too (<see cref="ConfigRules"/>). Thread: startup.
/// </summary>
internal sealed class RunConfigErrors(string source) : FieldErrors(source)
{
    public override Exception NotAnObject() => Whole("the config must be a JSON object");

    public override Exception UnknownField(string field, Type owner, IReadOnlyList<string> fields) =>
        Bad(field, owner == typeof(ThreadContract)
            ? $"not a thread field ({string.Join(", ", fields)})"
            : $"not a config field ({string.Join(", ", fields)})");

    /// <summary>Text or a number, as text, for the fields that take either (pace, budget_ms); null when not given.</summary>
    public string? TextOrNumber(JsonElement value, string field) => value.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        _ => throw Bad(field, $"must be text or a number, not {Show(value)}"),
    };

    protected override string? Expected(string pattern) => pattern switch
    {
        "midi_inputs" or "extra_model_folders" => "a list of paths",
        "midi_inputs[]" or "extra_model_folders[]" => "a path",
        "audio_thread" or "inference_thread" => "an object { \"priority\": ..., \"core\": ... }",
        _ => null,
    };

    protected override Exception Create(string message, Exception? inner = null) =>
        inner is null ? new UsageException(message) : new UsageException(message, inner);
}
