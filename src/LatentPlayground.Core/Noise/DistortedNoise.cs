namespace LatentPlayground.Core.Noise;

/// <summary>
/// Domain-warped noise: the sample point is displaced by a layer of Perlin fields, that point displaced again
/// by a layer of simplex fields, and only then is the final simplex field read (nested warping, as Inigo
/// Quilez describes it). The result stays continuous, but neighbouring points can be carried to very different
/// places, so a walk folds back, stalls and surges instead of drifting.
/// </summary>
internal sealed class DistortedNoise : NoiseBasis
{
    // How far, in lattice units, each warp layer may move the point. The layers' slopes multiply along the chain,
    // so these stay small: at 0.35 and 0.5 a walk moves twice as fast as plain simplex on average and at worst
    // about 30 per unit (still continuous at any sensible step); at 1.1 and 1.6 the worst slope was 180 per
    // unit and a walk at step 0.05 was as good as white noise.
    private const double InnerWarp = 0.35;
    private const double OuterWarp = 0.5;

    // Each warp component reads its own field (its own seed stream and its own offset), so the x and y
    // displacements are independent of each other and of the field being warped.
    private const uint SaltA = 0x68E31DA4u;
    private const uint SaltB = 0xB5297A4Du;
    private const uint SaltC = 0x1B56C4E9u;
    private const uint SaltD = 0x3C6EF372u;

    public override NoiseBasisKind Kind => NoiseBasisKind.Distorted;

    public override double Sample(double x, double y, uint seed)
    {
        double qx = PerlinNoise.Evaluate(x + 0.31, y + 5.17, seed ^ SaltA);
        double qy = PerlinNoise.Evaluate(x + 7.43, y + 2.89, seed ^ SaltB);

        double wx = x + (InnerWarp * qx);
        double wy = y + (InnerWarp * qy);
        double rx = SimplexNoise.Evaluate(wx + 3.71, wy + 1.13, seed ^ SaltC);
        double ry = SimplexNoise.Evaluate(wx + 6.29, wy + 8.53, seed ^ SaltD);

        return SimplexNoise.Evaluate(x + (OuterWarp * rx), y + (OuterWarp * ry), seed);
    }
}
