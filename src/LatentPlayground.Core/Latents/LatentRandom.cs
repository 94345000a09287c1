using LatentPlayground.Core.Bending;

namespace LatentPlayground.Core.Latents;

/// <summary>
/// Seeded draws for generation and patterns, on bending's counter-based generator (<see cref="BendRandom"/>):
/// value i of stream s depends only on (seed, s, i), so the same seed gives the same array on any machine and
/// .NET version, and a pattern's second array or alteration draws from a stream of its own.
/// Thread: any; pure.
/// </summary>
internal static class LatentRandom
{
    private const ulong StreamSalt = 0x8CB92BA72F3D8DD7UL;

    /// <summary>The key of stream <paramref name="stream"/> of <paramref name="seed"/>.</summary>
    public static ulong Key(uint seed, int stream) => BendRandom.Key(seed) ^ (StreamSalt * (ulong)(stream + 1));

    /// <summary>Uniform in (0, 1).</summary>
    public static double Uniform(ulong key, long index) => BendRandom.Uniform(key, index, 0);

    /// <summary>A standard normal draw (Marsaglia's polar method, as bending's).</summary>
    public static double Gaussian(ulong key, long index)
    {
        for (int sub = 0; sub + 1 < BendRandom.CountersPerIndex; sub += 2)
        {
            double u = (2.0 * BendRandom.Uniform(key, index, sub)) - 1.0;
            double v = (2.0 * BendRandom.Uniform(key, index, sub + 1)) - 1.0;
            double s = (u * u) + (v * v);
            if (s < 1.0 && s > 0.0)
            {
                return u * Math.Sqrt(-2.0 * BendRandom.Log(s) / s);
            }
        }

        return 0.0;
    }

    /// <summary>An integer in 0..<paramref name="n"/>−1.</summary>
    public static long Below(ulong key, long index, long n) => Math.Min((long)(Uniform(key, index) * n), n - 1);
}
