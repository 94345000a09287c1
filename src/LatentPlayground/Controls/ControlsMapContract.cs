using System.Text.Json;
using System.Text.Json.Serialization;

namespace LatentPlayground.Controls;

/// <summary>
/// hardware/controls.json as it is written. A knob page is JsonElement because it is either a list of
/// parameter names or a list of such lists (layers).
/// </summary>
internal sealed record ControlsMapContract(
    int? Schema, Dictionary<string, GesturesContract>? Footswitches, Dictionary<string, JsonElement>? Knobs, ExpressionContract? Expression);

/// <summary>What one footswitch's gestures do.</summary>
internal sealed record GesturesContract(string? Press, string? Long, string? Double);

/// <summary>What the expression pedal drives; heel and toe take a number or the parameter's own words ("50 %").</summary>
internal sealed record ExpressionContract(string? Parameter, JsonElement Heel, JsonElement Toe);

/// <summary>The generated reader of controls maps: the shipped file is commented.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    AllowTrailingCommas = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ControlsMapContract))]
internal sealed partial class ControlsMapContext : JsonSerializerContext;
