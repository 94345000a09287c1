namespace LatentPlayground.Inference;

/// <summary>How the engine fills a graph's noise input each hop.</summary>
public enum NoiseDistribution
{
    /// <summary>Standard normal draws (RAVE's padding of the latent dimensions it does not export).</summary>
    Normal,

    /// <summary>Uniform draws in [0, 1) (RAVE's noise generator).</summary>
    Uniform,

    /// <summary>
    /// Not a draw: the hop of input audio the encoder just read, copied in by the codec (the pedal's own
    /// models, whose noise generator filters the player's whitened signal). Shape [1, 1, hop].
    /// </summary>
    InputAudio,
}

/// <summary>
/// A graph input that RAVE fills with random draws inside its own model. Imported packages expose it
/// so that the engine owns the randomness: seeded, and so byte-identical for a given seed, or held at
/// <see cref="DeterministicValue"/>, the value for which the draw changes nothing (RAVE's deterministic path).
/// </summary>
public sealed record NoiseInput(string Name, IReadOnlyList<long> Shape, NoiseDistribution Distribution, float DeterministicValue)
{
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);
}
