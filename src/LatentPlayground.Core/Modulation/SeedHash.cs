namespace LatentPlayground.Core.Modulation;

/// <summary>
/// Deterministic integer mixing for deriving per-dimension seeds and spreads. No System.Random:
/// its sequences are not promised to stay the same across .NET versions, and presets must.
/// </summary>
public static class SeedHash
{
    /// <summary>A well-mixed 32-bit hash of two values (a murmur3-style finaliser).</summary>
    public static uint Mix(uint a, uint b)
    {
        uint h = (a * 0x9E3779B1u) ^ (b + 0x7F4A7C15u + (a << 6) + (a >> 2));
        h ^= h >> 16;
        h *= 0x85EBCA6Bu;
        h ^= h >> 13;
        h *= 0xC2B2AE35u;
        h ^= h >> 16;
        return h;
    }

    /// <summary>Maps a hash onto [-1, 1].</summary>
    public static double ToSigned(uint h) => (h / (double)uint.MaxValue * 2.0) - 1.0;
}
