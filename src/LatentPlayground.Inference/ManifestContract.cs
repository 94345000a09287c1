using System.Text.Json;
using System.Text.Json.Serialization;

namespace LatentPlayground.Inference;

// model.json as the exporter writes it (src/export/lpexport/export.py). Unknown fields are skipped: a newer
// exporter may add some. Shapes are JsonElement because a bad one is reported whole ("found [1, 0]"); the
// display fields (quantisation, licence, provenance, latency) take any JSON and are shown as they are.

internal sealed record ManifestContract
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("sample_rate")] public int? SampleRate { get; init; }
    [JsonPropertyName("hop")] public int? Hop { get; init; }
    [JsonPropertyName("latent_size")] public int? LatentSize { get; init; }
    [JsonPropertyName("channels")] public int? Channels { get; init; }
    [JsonPropertyName("latency_samples")] public int? LatencySamples { get; init; }
    [JsonPropertyName("latency")] public JsonElement Latency { get; init; }
    [JsonPropertyName("quantisation")] public JsonElement Quantisation { get; init; }
    [JsonPropertyName("encoder")] public GraphContract? Encoder { get; init; }
    [JsonPropertyName("decoder")] public GraphContract? Decoder { get; init; }
    [JsonPropertyName("provenance")] public JsonElement Provenance { get; init; }
    [JsonPropertyName("licence")] public JsonElement Licence { get; init; }
    [JsonPropertyName("reference")] public JsonElement Reference { get; init; }
    [JsonPropertyName("initial_states")] public string? InitialStates { get; init; }
}

internal sealed record GraphContract
{
    [JsonPropertyName("file")] public string? File { get; init; }
    [JsonPropertyName("input")] public TensorContract? Input { get; init; }
    [JsonPropertyName("output")] public TensorContract? Output { get; init; }
    [JsonPropertyName("states")] public List<StateContract>? States { get; init; }
    [JsonPropertyName("noise_inputs")] public List<NoiseContract>? NoiseInputs { get; init; }
}

internal sealed record TensorContract
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("shape")] public JsonElement Shape { get; init; }
}

internal sealed record StateContract
{
    [JsonPropertyName("input")] public string? Input { get; init; }
    [JsonPropertyName("output")] public string? Output { get; init; }
    [JsonPropertyName("shape")] public JsonElement Shape { get; init; }
    [JsonPropertyName("initial_offset")] public long? InitialOffset { get; init; }
}

internal sealed record NoiseContract
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("shape")] public JsonElement Shape { get; init; }
    [JsonPropertyName("distribution")] public string? Distribution { get; init; }
    [JsonPropertyName("deterministic")] public double? Deterministic { get; init; }
}

/// <summary>A package's reference.json: the exporter's hop-by-hop outputs, each tensor base64 float32 rows.</summary>
internal sealed record ReferenceContract
{
    [JsonPropertyName("hops")] public int? Hops { get; init; }
    [JsonPropertyName("hop")] public int? Hop { get; init; }
    [JsonPropertyName("latent_size")] public int? LatentSize { get; init; }
    [JsonPropertyName("input")] public ReferenceTensorContract? Input { get; init; }
    [JsonPropertyName("latent")] public ReferenceTensorContract? Latent { get; init; }
    [JsonPropertyName("output")] public ReferenceTensorContract? Output { get; init; }
}

internal sealed record ReferenceTensorContract
{
    [JsonPropertyName("shape")] public List<int>? Shape { get; init; }
    [JsonPropertyName("data")] public string? Data { get; init; }
}

/// <summary>The generated readers of a package's JSON files: strict JSON, unknown fields skipped.</summary>
[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(ManifestContract))]
[JsonSerializable(typeof(ReferenceContract))]
internal sealed partial class ManifestContext : JsonSerializerContext;
