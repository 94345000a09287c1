namespace LatentPlayground.Core.Noise;

/// <summary>
/// Blocky value noise: one hashed constant per unit cell. A walk holds a value for the width of a cell and
/// then jumps to an unrelated one, the saccaded, glitchy movement of the reference device's "cell" basis.
/// </summary>
internal sealed class CellNoise : NoiseBasis
{
    public override NoiseBasisKind Kind => NoiseBasisKind.Cell;

    public override double Sample(double x, double y, uint seed) =>
        NoiseHash.ToSigned(NoiseHash.Hash(NoiseHash.Floor(x), NoiseHash.Floor(y), seed));
}
