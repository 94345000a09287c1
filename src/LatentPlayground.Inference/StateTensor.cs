namespace LatentPlayground.Inference;

/// <summary>
/// One streaming state of a graph: the input <c>state_in.NN</c> that receives the previous hop's
/// <c>state_out.NN</c>, paired by suffix, and their common fixed shape.
/// </summary>
public sealed record StateTensor(string Input, string Output, IReadOnlyList<long> Shape)
{
    /// <summary>
    /// Where the state's value at reset starts in the package's initial-states file, in floats; null for
    /// zeros. Imported RAVE models start from the state their export left in the file, as RAVE does.
    /// </summary>
    public long? InitialOffset { get; init; }

    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    public override string ToString() => $"{Input} -> {Output} [{string.Join(", ", Shape)}]";
}
