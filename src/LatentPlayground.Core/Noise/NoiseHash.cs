namespace LatentPlayground.Core.Noise;

/// <summary>Integer hashing of lattice points, the only source of randomness in the noise bases.</summary>
internal static class NoiseHash
{
    private const double Inv2Pow24 = 1.0 / 16777216.0;

    /// <summary>
    /// A well-mixed 32-bit hash of a lattice point and a seed. Each input passes through a full avalanche
    /// before the next is folded in, so neighbouring cells, neighbouring rows and neighbouring seeds
    /// (a user turning the seed knob by one) all land on unrelated values.
    /// </summary>
    public static uint Hash(int ix, int iy, uint seed)
    {
        uint h = Avalanche(seed + 0x9E3779B9u);
        h = Avalanche(h ^ ((uint)ix * 0x85EBCA77u));
        return Avalanche(h + ((uint)iy * 0xC2B2AE3Du));
    }

    /// <summary>
    /// Maps a hash onto (-1, 1) symmetrically: the 24 top bits are centred on their half-step, so the
    /// mean over all hashes is exactly zero and neither end is reached.
    /// </summary>
    public static double ToSigned(uint h) => ((((h >> 8) + 0.5) * Inv2Pow24) * 2.0) - 1.0;

    /// <summary>
    /// Floor as a lattice index. Going through long keeps the index exact far beyond int's range and then
    /// wraps, so a walk that runs for years keeps producing noise instead of sticking at a saturated cell.
    /// </summary>
    public static int Floor(double v) => unchecked((int)(long)Math.Floor(v));

    // Chris Wellons' "lowbias32" constants: measured among the lowest-bias 32-bit two-multiply mixers.
    private static uint Avalanche(uint x)
    {
        x ^= x >> 16;
        x *= 0x7FEB352Du;
        x ^= x >> 15;
        x *= 0x846CA68Bu;
        x ^= x >> 16;
        return x;
    }
}
