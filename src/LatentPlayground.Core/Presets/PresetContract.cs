using System.Text.Json;
using System.Text.Json.Serialization;

namespace LatentPlayground.Core.Presets;

/// <summary>
/// A preset file as it is written: parameter values are kept as JSON (a number or a display name) because
/// which they may be depends on the parameter; <see cref="PresetJson"/> reads them through the parameter table.
/// </summary>
internal sealed record PresetContract(int? Schema, string? Name, string? Model, Dictionary<string, JsonElement>? Parameters, string? Bending, string? Xy, string? Latents = null);

/// <summary>The generated reader and writer of preset files: hand-edited files may carry comments and trailing commas.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    AllowTrailingCommas = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    WriteIndented = true)]
[JsonSerializable(typeof(PresetContract))]
[JsonSerializable(typeof(double))]
internal sealed partial class PresetContext : JsonSerializerContext;

/// <summary>A preset's problems as <see cref="PresetFormatException"/> lines. Thread: the reading thread.</summary>
internal sealed class PresetErrors(string source) : Json.FieldErrors(source)
{
    public override Exception UnknownField(string field, Type owner, IReadOnlyList<string> fields) =>
        Bad(field, $"is not a preset field ({string.Join(", ", fields)})");

    protected override string? Expected(string pattern) => pattern switch
    {
        "schema" => "a whole number from 1",
        "parameters" => "an object of name: value",
        _ => null,
    };

    protected override Exception Create(string message, Exception? inner = null) =>
        inner is null ? new PresetFormatException(message) : new PresetFormatException(message, inner);
}
