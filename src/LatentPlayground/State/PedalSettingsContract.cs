using System.Text.Json;
using System.Text.Json.Serialization;

namespace LatentPlayground.State;

/// <summary>
/// settings.json as it is read and written. It holds the MIDI map's state too: the receive channel and the CCs
/// that MIDI learn moved (the default map itself is code, so there is no separate MIDI map file).
/// <c>midi_channel</c> is JsonElement because it is a number or "omni". Fields without a value are left
/// out when written, except <c>last_preset</c>, which has always been written as null before the first recall.
/// </summary>
internal sealed record PedalSettingsContract(
    int? Schema, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? LastPreset, string? Model, string? ClockSource,
    double? Bpm, JsonElement MidiChannel, Dictionary<string, string>? MidiLearned, CalibrationContract? Expression);

/// <summary>The expression pedal's learnt travel. Other fields are ignored, as they always were here.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
internal sealed record CalibrationContract(int? MinCode, int? MaxCode, bool? Reversed);

/// <summary>The generated reader and writer of settings.json: the pedal writes it, so it is strict JSON.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    WriteIndented = true)]
[JsonSerializable(typeof(PedalSettingsContract))]
[JsonSerializable(typeof(int))]
internal sealed partial class PedalSettingsContext : JsonSerializerContext;
