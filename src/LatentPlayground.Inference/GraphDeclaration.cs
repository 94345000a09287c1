namespace LatentPlayground.Inference;

/// <summary>
/// One graph as model.json declares it (its "encoder" or "decoder" object): the fp32 file, the signal
/// input and output, and the state pairs in graph order. The graph itself is checked against this.
/// </summary>
public sealed record GraphDeclaration(
    string File,
    TensorDeclaration Input,
    TensorDeclaration Output,
    IReadOnlyList<StateTensor> States)
{
    /// <summary>Inputs the engine fills with seeded draws each hop (imported RAVE decoders); empty otherwise.</summary>
    public IReadOnlyList<NoiseInput> NoiseInputs { get; init; } = [];
}
