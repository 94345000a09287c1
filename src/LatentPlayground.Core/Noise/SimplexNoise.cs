namespace LatentPlayground.Core.Noise;

/// <summary>
/// 2-D simplex noise: the plane is skewed onto a grid of triangles, and each of the three corners of the
/// triangle holding the point adds its hashed gradient under a radial falloff kernel. Smooth and isotropic,
/// with fewer directional artefacts than the square lattice of Perlin noise.
/// </summary>
internal sealed class SimplexNoise : NoiseBasis
{
    // (sqrt(3) - 1) / 2 and (3 - sqrt(3)) / 6: skew onto and back from the triangular grid.
    private const double Skew = 0.3660254037844386;
    private const double Unskew = 0.21132486540518713;

    // The kernel (0.5 - r^2)^4 reaches zero at sqrt(0.5), the height of a triangle: a corner's contribution has
    // faded out before the point crosses the opposite edge into a triangle without that corner, so the sum is
    // continuous (with continuous slope) across every edge.
    private const double KernelRadiusSquared = 0.5;

    // The sum over the three corners of kernel times |offset| peaks at 0.0100802047028 (found numerically, at the
    // midpoint of a triangle's edge); no choice of unit gradients can exceed that, so this factor maps the
    // field into [-1, 1]. The clamp only guards the last bit of rounding.
    private const double Normalise = 99.2043345827;

    public override NoiseBasisKind Kind => NoiseBasisKind.Simplex;

    public override double Sample(double x, double y, uint seed) => Evaluate(x, y, seed);

    /// <summary>The field itself, for bases that build on it without a virtual call.</summary>
    public static double Evaluate(double x, double y, uint seed)
    {
        double s = (x + y) * Skew;
        double fi = Math.Floor(x + s);
        double fj = Math.Floor(y + s);
        int i = NoiseHash.Floor(x + s);
        int j = NoiseHash.Floor(y + s);
        double t = (fi + fj) * Unskew;
        double x0 = x - (fi - t);
        double y0 = y - (fj - t);

        // Which of the two triangles in the skewed square: the middle corner is one step along x or along y.
        int i1 = x0 > y0 ? 1 : 0;
        int j1 = 1 - i1;

        double x1 = x0 - i1 + Unskew;
        double y1 = y0 - j1 + Unskew;
        double x2 = x0 - 1.0 + (2.0 * Unskew);
        double y2 = y0 - 1.0 + (2.0 * Unskew);

        double sum = Corner(NoiseHash.Hash(i, j, seed), x0, y0)
            + Corner(NoiseHash.Hash(i + i1, j + j1, seed), x1, y1)
            + Corner(NoiseHash.Hash(i + 1, j + 1, seed), x2, y2);
        return Math.Clamp(Normalise * sum, -1.0, 1.0);
    }

    private static double Corner(uint hash, double dx, double dy)
    {
        double k = KernelRadiusSquared - (dx * dx) - (dy * dy);
        if (k <= 0.0)
        {
            return 0.0;
        }

        k *= k;
        return k * k * Gradients.Dot(hash, dx, dy);
    }
}
