namespace LatentPlayground.Core.Bending;

/// <summary>
/// The law the DISTRIBUTION operation draws from. Every law is standardised to the layer's own mean and
/// standard deviation before use, so the choice changes the shape of the new weights, not their level.
/// The numeric values are stored in bend files, so they never change. Thread: any; a plain value.
/// </summary>
public enum BendDistribution
{
    /// <summary>Flat between mean ± √3·std: bounded, no preferred value.</summary>
    Uniform = 0,

    /// <summary>Normal with the layer's mean and std: the shape trained weights usually approach.</summary>
    Gaussian = 1,

    /// <summary>
    /// Beta(2, 2) stretched to mean ± √5·std: bounded like the uniform but bell-shaped, between the
    /// uniform and the gaussian. α = β = 2 because a symmetric law keeps the layer's mean where it was,
    /// α, β &gt; 1 gives a rounded peak instead of the U of Beta(½, ½) or the flat of Beta(1, 1) (the
    /// uniform already), and 2 is the smallest such shape that can be drawn exactly and cheaply: it is the
    /// median of three uniforms. Standardised like the other laws rather than mapped onto the layer's
    /// min..max, so that one outlier weight does not widen every draw.
    /// </summary>
    Beta = 2,

    /// <summary>Laplace with scale b = std/√2: a sharp peak at the mean and heavy tails (a few large weights).</summary>
    Laplace = 3,
}
