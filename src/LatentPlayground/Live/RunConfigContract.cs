using System.Text.Json;
using System.Text.Json.Serialization;

namespace LatentPlayground.Live;

/// <summary>
/// The run config file as it is written (README, "The config file"). Every field is optional: one left out
/// keeps its default. <c>budget_ms</c> and <c>pace</c> are JsonElement because they take a number or a word.
/// </summary>
internal sealed record RunConfigContract
{
    [JsonPropertyName("schema")] public int? Schema { get; init; }
    [JsonPropertyName("capture")] public string? Capture { get; init; }
    [JsonPropertyName("playback")] public string? Playback { get; init; }
    [JsonPropertyName("rate")] public int? Rate { get; init; }
    [JsonPropertyName("channels")] public int? Channels { get; init; }
    [JsonPropertyName("format")] public string? Format { get; init; }
    [JsonPropertyName("period")] public int? Period { get; init; }
    [JsonPropertyName("periods")] public int? Periods { get; init; }
    [JsonPropertyName("budget_ms")] public JsonElement BudgetMs { get; init; }
    [JsonPropertyName("pace")] public JsonElement Pace { get; init; }
    [JsonPropertyName("audio_thread")] public ThreadContract? AudioThread { get; init; }
    [JsonPropertyName("inference_thread")] public ThreadContract? InferenceThread { get; init; }
    [JsonPropertyName("model")] public string? Model { get; init; }
    [JsonPropertyName("precision")] public string? Precision { get; init; }
    [JsonPropertyName("preset")] public string? Preset { get; init; }
    [JsonPropertyName("preset_bank")] public string? PresetBank { get; init; }
    [JsonPropertyName("models_folder")] public string? ModelsFolder { get; init; }
    [JsonPropertyName("extra_model_folders")] public List<string>? ExtraModelFolders { get; init; }
    [JsonPropertyName("state_dir")] public string? StateDir { get; init; }
    [JsonPropertyName("hardware_map")] public string? HardwareMap { get; init; }
    [JsonPropertyName("controls_map")] public string? ControlsMap { get; init; }
    [JsonPropertyName("midi_inputs")] public List<string>? MidiInputs { get; init; }
    [JsonPropertyName("status_interval_s")] public double? StatusIntervalS { get; init; }
}

/// <summary>
/// One thread's settings. JsonElement, because null means something here ("priority": null is normal
/// scheduling, "core": null any core) that differs from leaving the field out (the default).
/// </summary>
internal sealed record ThreadContract
{
    [JsonPropertyName("priority")] public JsonElement Priority { get; init; }
    [JsonPropertyName("core")] public JsonElement Core { get; init; }
}

/// <summary>The generated reader of run configs: hand-written files may carry comments and trailing commas.</summary>
[JsonSourceGenerationOptions(
    AllowTrailingCommas = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(RunConfigContract))]
internal sealed partial class RunConfigContext : JsonSerializerContext;
