namespace LatentPlayground.Core.Latents;

/// <summary>How a latent file stores its values.</summary>
public enum LatentPrecision
{
    /// <summary>IEEE float32: what the engine computes with; half the size.</summary>
    Bits32,

    /// <summary>IEEE float64: numpy's default and the reference's latent WAVs; keeps generated values exactly.</summary>
    Bits64,
}
