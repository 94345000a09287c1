namespace LatentPlayground.Core.Bending;

/// <summary>One layer a bend configuration holds: where its weights sit in the configuration's WAV file.</summary>
/// <param name="Name">The layer's name as the pedal shows it (<c>decoder:decoder.net.layers.0.weight</c>).</param>
/// <param name="Shape">Its tensor shape in the model.</param>
/// <param name="Offset">Its first weight's sample index in the WAV file.</param>
public sealed record BendLayerEntry(string Name, IReadOnlyList<long> Shape, long Offset)
{
    public long Count => Shape.Aggregate(1L, (a, d) => a * d);
}

/// <summary>
/// A saved bend, as the reference device saves one: a JSON file naming each edited layer, its shape and where its
/// weights are, and the operations that made them, beside a float32 WAV file holding the weights at full
/// resolution (<see cref="WeightsFile"/>, in the same folder). The weights are what loads; the steps say how
/// they were made and replay them.
/// </summary>
/// <param name="Model">The name of the model it was made on (a different model is refused layer by layer, not by name).</param>
/// <param name="WeightsFile">The WAV file's name, next to the JSON file.</param>
/// <param name="Layers">The edited layers, in the WAV file's order.</param>
/// <param name="Steps">The operations, in order.</param>
public sealed record BendConfig(string Model, string WeightsFile, IReadOnlyList<BendLayerEntry> Layers, Bend Steps)
{
    /// <summary>Weights the WAV file holds.</summary>
    public long TotalWeights => Layers.Sum(l => l.Count);
}
