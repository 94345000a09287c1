using System.Text.Json;
using System.Text.Json.Serialization;

namespace LatentPlayground.Inference;

// model.json as the exporter writes it (src/export/lpexport/export.py), names in snake_case. Unknown fields
// are skipped: a newer exporter may add some. Shapes are JsonElement because a bad one is reported whole
// ("found [1, 0]"); the display fields (quantisation, licence, provenance, latency) take any JSON and are
// shown as they are.

internal sealed record ManifestContract(
    string? Name, int? SampleRate, int? Hop, int? LatentSize, int? Channels, int? LatencySamples, JsonElement Latency,
    JsonElement Quantisation, GraphContract? Encoder, GraphContract? Decoder, JsonElement Provenance, JsonElement Licence,
    JsonElement Reference, string? InitialStates);

internal sealed record GraphContract(string? File, TensorContract? Input, TensorContract? Output, List<StateContract>? States, List<NoiseContract>? NoiseInputs);

internal sealed record TensorContract(string? Name, JsonElement Shape);

internal sealed record StateContract(string? Input, string? Output, JsonElement Shape, long? InitialOffset);

internal sealed record NoiseContract(string? Name, JsonElement Shape, string? Distribution, double? Deterministic);

/// <summary>A package's reference.json: the exporter's hop-by-hop outputs, each tensor base64 float32 rows.</summary>
internal sealed record ReferenceContract(int? Hops, int? Hop, int? LatentSize, ReferenceTensorContract? Input, ReferenceTensorContract? Latent, ReferenceTensorContract? Output);

internal sealed record ReferenceTensorContract(List<int>? Shape, string? Data);

/// <summary>The generated readers of a package's JSON files: strict JSON, unknown fields skipped.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(ManifestContract))]
[JsonSerializable(typeof(ReferenceContract))]
internal sealed partial class ManifestContext : JsonSerializerContext;
