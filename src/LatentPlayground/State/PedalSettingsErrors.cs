using System.Globalization;
using LatentPlayground.Core.Json;
using LatentPlayground.Core.Tempo;

namespace LatentPlayground.State;

/// <summary>The settings file's problems as <see cref="FormatException"/> lines. Thread: control.</summary>
internal sealed class PedalSettingsErrors(string source) : FieldErrors(source)
{
    public const string LearnedValue = "a parameter name, \"action:NAME\" or \"none\"";

    public override Exception NotAnObject() => Whole("must be a JSON object");

    public override Exception UnknownField(string field, Type owner, IReadOnlyList<string> fields) =>
        Bad(field, $"is not a setting ({string.Join(", ", fields)})");

    protected override string? Expected(string pattern) => pattern switch
    {
        "schema" => string.Create(CultureInfo.InvariantCulture, $"1..{PedalSettingsFile.Schema}"),
        "last_preset" => "a preset file name in the bank, or null",
        "model" => "a model's name in the model library, or null for the default model",
        "clock_source" => "internal, midi or tap",
        "bpm" => string.Create(CultureInfo.InvariantCulture, $"a number {TempoClock.MinBpm}..{TempoClock.MaxBpm}"),
        "midi_learned" => $"an object of CC number: {LearnedValue}",
        "midi_learned.*" => LearnedValue,
        "expression.min_code" or "expression.max_code" => "a whole number of at least 0",
        _ => null,
    };
}
