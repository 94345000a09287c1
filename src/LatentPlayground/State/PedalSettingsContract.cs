using System.Text.Json;
using System.Text.Json.Serialization;

namespace LatentPlayground.State;

/// <summary>
/// settings.json as it is read and written. It holds the MIDI map's state too: the receive channel and the CCs
/// that MIDI learn moved (the default map itself is code, so there is no separate MIDI map file).
/// <c>midi_channel</c> is JsonElement because it is a number or "omni".
/// </summary>
internal sealed record PedalSettingsContract
{
    [JsonPropertyName("schema")] public int? Schema { get; init; }

    [JsonPropertyName("last_preset")] public string? LastPreset { get; init; }

    [JsonPropertyName("model")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Model { get; init; }

    [JsonPropertyName("clock_source")] public string? ClockSource { get; init; }

    [JsonPropertyName("bpm")] public double? Bpm { get; init; }

    [JsonPropertyName("midi_channel")] public JsonElement MidiChannel { get; init; }

    [JsonPropertyName("midi_learned")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? MidiLearned { get; init; }

    [JsonPropertyName("expression")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CalibrationContract? Expression { get; init; }
}

/// <summary>The expression pedal's learnt travel. Other fields are ignored, as they always were here.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
internal sealed record CalibrationContract
{
    [JsonPropertyName("min_code")] public int? MinCode { get; init; }

    [JsonPropertyName("max_code")] public int? MaxCode { get; init; }

    [JsonPropertyName("reversed")] public bool? Reversed { get; init; }
}

/// <summary>The generated reader and writer of settings.json: the pedal writes it, so it is strict JSON.</summary>
[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, WriteIndented = true)]
[JsonSerializable(typeof(PedalSettingsContract))]
[JsonSerializable(typeof(int))]
internal sealed partial class PedalSettingsContext : JsonSerializerContext;
