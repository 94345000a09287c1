using System.Text.Json;
using System.Text.Json.Serialization;

namespace LatentPlayground.Controls;

/// <summary>
/// hardware/controls.json as it is written. A knob page is JsonElement because it is either a list of
/// parameter names or a list of such lists (layers); heel and toe take a number or the parameter's own words.
/// </summary>
internal sealed record ControlsMapContract
{
    [JsonPropertyName("schema")] public int? Schema { get; init; }
    [JsonPropertyName("footswitches")] public Dictionary<string, GesturesContract>? Footswitches { get; init; }
    [JsonPropertyName("knobs")] public Dictionary<string, JsonElement>? Knobs { get; init; }
    [JsonPropertyName("expression")] public ExpressionContract? Expression { get; init; }
}

/// <summary>What one footswitch's gestures do.</summary>
internal sealed record GesturesContract
{
    [JsonPropertyName("press")] public string? Press { get; init; }
    [JsonPropertyName("long")] public string? Long { get; init; }
    [JsonPropertyName("double")] public string? Double { get; init; }
}

/// <summary>What the expression pedal drives.</summary>
internal sealed record ExpressionContract
{
    [JsonPropertyName("parameter")] public string? Parameter { get; init; }
    [JsonPropertyName("heel")] public JsonElement Heel { get; init; }
    [JsonPropertyName("toe")] public JsonElement Toe { get; init; }
}

/// <summary>The generated reader of controls maps: the shipped file is commented.</summary>
[JsonSourceGenerationOptions(
    AllowTrailingCommas = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ControlsMapContract))]
internal sealed partial class ControlsMapContext : JsonSerializerContext;
