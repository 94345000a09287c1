using System.Text.Json;
using System.Text.Json.Serialization;

namespace LatentPlayground.Live;

/// <summary>
/// The run config file as it is written (README, "The config file"); the names are the properties' in
/// snake_case. Every field is optional: one left out keeps its default. <c>budget_ms</c> and <c>pace</c> are
/// JsonElement because they take a number or a word.
/// </summary>
internal sealed record RunConfigContract(
    int? Schema, string? Capture, string? Playback, int? Rate, int? Channels, string? Format, int? Period, int? Periods,
    JsonElement BudgetMs, JsonElement Pace, ThreadContract? AudioThread, ThreadContract? InferenceThread, string? Model,
    string? Precision, string? Preset, string? PresetBank, string? ModelsFolder, List<string>? ExtraModelFolders,
    string? StateDir, string? HardwareMap, string? ControlsMap, List<string>? MidiInputs, double? StatusIntervalS);

/// <summary>
/// One thread's settings. JsonElement, because null means something here ("priority": null is normal
/// scheduling, "core": null any core) that differs from leaving the field out (the default).
/// </summary>
internal sealed record ThreadContract(JsonElement Priority, JsonElement Core);

/// <summary>The generated reader of run configs: hand-written files may carry comments and trailing commas.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    AllowTrailingCommas = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(RunConfigContract))]
internal sealed partial class RunConfigContext : JsonSerializerContext;
