namespace LatentPlayground.Inference.Weights;

/// <summary>
/// One bendable tensor of a graph: a convolution's weight or bias, a float initializer of the fp32 graph, with its
/// learned values as exported.
/// </summary>
/// <param name="Graph">"encoder" or "decoder".</param>
/// <param name="Name">The initializer's name in the graph, e.g. <c>model.decoder.net.layers.0.weight</c>.</param>
/// <param name="Node">The convolution node that reads it.</param>
/// <param name="IsBias">True for a bias, false for a kernel.</param>
public sealed record WeightLayer(string Graph, string Name, string Node, bool IsBias, IReadOnlyList<long> Shape, float[] Values)
{
    /// <summary>How the player sees it: the graph and the initializer's name without the export's "model." prefix.</summary>
    public string DisplayName => $"{Graph}:{(Name.StartsWith("model.", StringComparison.Ordinal) ? Name[6..] : Name)}";

    public int Count => Values.Length;
}
