namespace LatentPlayground.Inference;

/// <summary>Which of a package's two graphs.</summary>
public enum GraphRole
{
    Encoder,
    Decoder,
}

/// <summary>
/// A validated graph file: its signal input and output with the shapes one hop uses, and its
/// streaming states. Everything <see cref="StreamingGraph"/> needs to preallocate and bind.
/// </summary>
public sealed record GraphSpec(
    GraphRole Role,
    ModelPrecision Precision,
    string Path,
    string InputName,
    IReadOnlyList<long> InputShape,
    string OutputName,
    IReadOnlyList<long> OutputShape,
    IReadOnlyList<StateTensor> States)
{
    /// <summary>Inputs filled with seeded draws each hop; empty for the pedal's own models.</summary>
    public IReadOnlyList<NoiseInput> NoiseInputs { get; init; } = [];

    /// <summary>Each state's value at reset (null: zeros), in <see cref="States"/> order.</summary>
    public IReadOnlyList<float[]?> InitialStates { get; init; } = [];
}
