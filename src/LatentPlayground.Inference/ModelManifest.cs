namespace LatentPlayground.Inference;

/// <summary>
/// The contents of a package's model.json, as <c>src/export/lpexport/export.py</c> writes it.
/// Only parsed and type-checked here; whether the values suit the engine and agree with the
/// graphs is <see cref="ModelPackage"/>'s job.
/// </summary>
/// <param name="Quantisation">The manifest's own word ("fp32", ...); which graphs exist is decided by the files.</param>
/// <param name="LatencySource">How the exporter found the latency (measured or architectural), when it says.</param>
/// <param name="Provenance">The "provenance" object flattened to dotted keys and display text, in file order.</param>
/// <param name="Reference">The file holding the exporter's reference vectors, when there is one.</param>
public sealed record ModelManifest(
    string Name,
    int SampleRate,
    int Hop,
    int LatentSize,
    int Channels,
    int LatencySamples,
    string? LatencySource,
    string Quantisation,
    GraphDeclaration Encoder,
    GraphDeclaration Decoder,
    IReadOnlyList<KeyValuePair<string, string>> Provenance,
    string? Licence,
    string? Reference)
{
    public const string FileName = "model.json";

    /// <summary>The file (in the package folder) holding the states' values at reset, float32 little-endian; null when they are zeros.</summary>
    public string? InitialStates { get; init; }

    public GraphDeclaration Graph(GraphRole role) => role == GraphRole.Encoder ? Encoder : Decoder;
}
