namespace LatentPlayground.Core.Noise;

/// <summary>Unit gradient vectors for the gradient-noise bases, chosen by hash.</summary>
internal static class Gradients
{
    // cos and sin of pi/16 and 3*pi/16, written out rather than computed: Math.Cos comes from the platform's
    // C library and is not promised to round identically on every machine.
    private const double C1 = 0.9807852804032304;
    private const double S1 = 0.19509032201612825;
    private const double C3 = 0.8314696123025452;
    private const double S3 = 0.5555702330196022;

    /// <summary>
    /// Dot product of (dx, dy) with one of sixteen unit gradients at odd multiples of pi/16, selected by
    /// <paramref name="hash"/>. Evenly spread, and none lies along an axis, so a walk along x never meets a
    /// lattice corner whose gradient is perpendicular to it (that would flatten the trajectory there).
    /// </summary>
    /// <remarks>
    /// A switch rather than a lookup table: a table would be either a mutable static array or a span over
    /// constant data that Debug builds allocate on every read, and Sample must never allocate.
    /// </remarks>
    public static double Dot(uint hash, double dx, double dy) => (hash >> 28) switch
    {
        // The top bits come out of the avalanche best mixed.
        0 => (C1 * dx) + (S1 * dy),
        1 => (C3 * dx) + (S3 * dy),
        2 => (S3 * dx) + (C3 * dy),
        3 => (S1 * dx) + (C1 * dy),
        4 => (-S1 * dx) + (C1 * dy),
        5 => (-S3 * dx) + (C3 * dy),
        6 => (-C3 * dx) + (S3 * dy),
        7 => (-C1 * dx) + (S1 * dy),
        8 => (-C1 * dx) - (S1 * dy),
        9 => (-C3 * dx) - (S3 * dy),
        10 => (-S3 * dx) - (C3 * dy),
        11 => (-S1 * dx) - (C1 * dy),
        12 => (S1 * dx) - (C1 * dy),
        13 => (S3 * dx) - (C3 * dy),
        14 => (C3 * dx) - (S3 * dy),
        _ => (C1 * dx) - (S1 * dy),
    };
}
