namespace LatentPlayground.Core.Noise;

/// <summary>
/// Classic 2-D gradient noise (Perlin, with his 2002 quintic fade): a hashed unit gradient at each lattice
/// corner, blended across the cell. Smooth, zero at lattice points, gentler than simplex.
/// </summary>
internal sealed class PerlinNoise : NoiseBasis
{
    // For unit gradients the largest possible magnitude of 2-D Perlin noise is sqrt(2)/2 (cell centre, every
    // gradient pointing at it), so this factor maps the field onto [-1, 1] without clipping anything.
    private const double Normalise = 1.4142135623730951;

    public override NoiseBasisKind Kind => NoiseBasisKind.Perlin;

    public override double Sample(double x, double y, uint seed) => Evaluate(x, y, seed);

    /// <summary>The field itself, for bases that build on it without a virtual call.</summary>
    public static double Evaluate(double x, double y, uint seed)
    {
        double fx = Math.Floor(x);
        double fy = Math.Floor(y);
        int ix = NoiseHash.Floor(x);
        int iy = NoiseHash.Floor(y);
        double dx = x - fx;
        double dy = y - fy;

        double n00 = Gradients.Dot(NoiseHash.Hash(ix, iy, seed), dx, dy);
        double n10 = Gradients.Dot(NoiseHash.Hash(ix + 1, iy, seed), dx - 1.0, dy);
        double n01 = Gradients.Dot(NoiseHash.Hash(ix, iy + 1, seed), dx, dy - 1.0);
        double n11 = Gradients.Dot(NoiseHash.Hash(ix + 1, iy + 1, seed), dx - 1.0, dy - 1.0);

        double u = Fade(dx);
        double v = Fade(dy);
        double bottom = n00 + (u * (n10 - n00));
        double top = n01 + (u * (n11 - n01));
        return Math.Clamp(Normalise * (bottom + (v * (top - bottom))), -1.0, 1.0);
    }

    // 6t^5 - 15t^4 + 10t^3: zero first and second derivative at the cell edges, so the walk has no visible
    // kinks where it crosses from one cell into the next (the cubic fade leaves a curvature jump there).
    private static double Fade(double t) => t * t * t * ((t * ((t * 6.0) - 15.0)) + 10.0);
}
