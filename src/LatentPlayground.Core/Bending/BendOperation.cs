namespace LatentPlayground.Core.Bending;

/// <summary>
/// What a bending step does to the weights it touches (the FLIP, SCALE and DISTRIBUTION buttons of the
/// Max for Live device's Bending module). The numeric values are stored in bend files, so they never change.
/// Thread: any; a plain value.
/// </summary>
public enum BendOperation
{
    /// <summary>Negates each touched weight (inverts its polarity).</summary>
    Flip = 0,

    /// <summary>Multiplies each touched weight by <see cref="BendStep.Scale"/>.</summary>
    Scale = 1,

    /// <summary>Moves each touched weight towards a random draw, by <see cref="BendStep.Chaos"/>.</summary>
    Distribution = 2,
}
