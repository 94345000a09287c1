namespace LatentPlayground.Inference;

/// <summary>
/// Seeded draws for a decoder's noise inputs: xoshiro256** uniform doubles, and standard normals by the
/// Box–Muller transform. Plain arithmetic on four words, so a hop's draws allocate nothing, and the same
/// seed gives the same sequence on every machine (no platform random source involved).
/// Thread: the hop stage's thread only.
/// </summary>
public sealed class NoiseSource
{
    private readonly ulong _seed;
    private ulong _s0, _s1, _s2, _s3;

    public NoiseSource(ulong seed)
    {
        _seed = seed;
        Restart();
    }

    /// <summary>Back to the first draw of the seed. Real-time: no allocation.</summary>
    public void Restart()
    {
        // splitmix64 spreads any seed (0 included) over the four state words, as xoshiro's authors advise.
        ulong x = _seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>Fills <paramref name="values"/> from the distribution. Real-time: no allocation.</summary>
    public void Fill(Span<float> values, NoiseDistribution distribution)
    {
        if (distribution == NoiseDistribution.Uniform)
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (float)NextDouble();
            }

            return;
        }

        for (int i = 0; i < values.Length; i += 2)
        {
            // 1 - u keeps the logarithm's argument in (0, 1].
            double r = Math.Sqrt(-2.0 * Math.Log(1.0 - NextDouble()));
            double theta = 2.0 * Math.PI * NextDouble();
            values[i] = (float)(r * Math.Cos(theta));
            if (i + 1 < values.Length)
            {
                values[i + 1] = (float)(r * Math.Sin(theta));
            }
        }
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    private ulong Next()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
