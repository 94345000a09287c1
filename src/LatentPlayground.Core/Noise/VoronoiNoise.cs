namespace LatentPlayground.Core.Noise;

/// <summary>
/// Worley/Voronoi regions: each unit cell holds one feature point at a hashed position, and a sample takes
/// the hashed value of the region of its nearest feature point. Regions are irregular polygons, so a walk
/// holds plateaus of varying length and switches state at each border it crosses.
/// </summary>
internal sealed class VoronoiNoise : NoiseBasis
{
    // Region values come from a different hash stream than feature positions, so a region's value tells
    // nothing about where its point sits.
    private const uint ValueSalt = 0x5BD1E995u;
    private const double Inv2Pow16 = 1.0 / 65536.0;

    // Feature points can sit anywhere in their cell, so the nearest one can be two cells away (never three:
    // the point's own feature is at most sqrt(2) away, and a cell three away is at least 2 away).
    private const int SearchWidth = 5;

    public override NoiseBasisKind Kind => NoiseBasisKind.Voronoi;

    public override double Sample(double x, double y, uint seed)
    {
        int cx = NoiseHash.Floor(x);
        int cy = NoiseHash.Floor(y);
        double fx = x - Math.Floor(x);
        double fy = y - Math.Floor(y);

        double best = double.MaxValue;
        int bestX = cx;
        int bestY = cy;
        for (int row = 0; row < SearchWidth; row++)
        {
            int oy = Offset(row);

            // Distance from the point to the nearest edge of the row of cells: rows that cannot hold a closer
            // feature are skipped, which removes most of the 25-cell search.
            double rowGap = Gap(fy, oy);
            if (rowGap * rowGap >= best)
            {
                continue;
            }

            for (int column = 0; column < SearchWidth; column++)
            {
                int ox = Offset(column);
                double colGap = Gap(fx, ox);
                if ((colGap * colGap) + (rowGap * rowGap) >= best)
                {
                    continue;
                }

                uint h = NoiseHash.Hash(cx + ox, cy + oy, seed);
                double px = ox + (((h & 0xFFFFu) + 0.5) * Inv2Pow16) - fx;
                double py = oy + (((h >> 16) + 0.5) * Inv2Pow16) - fy;
                double d = (px * px) + (py * py);

                // Strictly closer only: with a fixed visiting order, ties always resolve to the same region.
                if (d < best)
                {
                    best = d;
                    bestX = cx + ox;
                    bestY = cy + oy;
                }
            }
        }

        return NoiseHash.ToSigned(NoiseHash.Hash(bestX, bestY, seed ^ ValueSalt));
    }

    // 0, -1, 1, -2, 2: nearest cells first, so an early close feature lets the gap test skip most of the outer
    // ring. Computed rather than read from a table, which Debug builds would allocate on every call.
    private static int Offset(int k) => (k & 1) == 1 ? -((k + 1) >> 1) : k >> 1;

    private static double Gap(double f, int offset) => offset switch
    {
        0 => 0.0,
        > 0 => offset - f,
        _ => f - (offset + 1),
    };
}
