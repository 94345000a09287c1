using System.Runtime.CompilerServices;

namespace LatentPlayground.Core.Bending;

/// <summary>
/// The randomness of bending: a counter-based generator, where the k-th number of a stream is a hash of
/// (seed, k) rather than the k-th step of a state that must be walked there. Weight i always reads the
/// numbers at counters i·256 + 0, 1, 2…, whichever other weights are touched and in whatever order, so
/// changing AMOUNT adds or removes weights without reshuffling the draws of the others, and a worker can
/// re-derive any slice of a layer on its own.
/// <para>
/// The hash is SplitMix64 jumped straight to step k (state = key + k·γ, then its output mix), written here
/// rather than taken from <see cref="Random"/>, whose algorithm is not promised to stay the same across
/// .NET versions. The logarithm is also our own (<see cref="Log"/>): <see cref="Math.Log(double)"/> calls
/// the platform's C library, which may round the last bit differently on the Pi's ARM64 than on x64. Only
/// +, −, ×, ÷ and √ are used on doubles, which IEEE 754 rounds the same everywhere; the JIT does not fuse a
/// multiply and an add into one FMA on its own, which would change that.
/// </para>
/// Thread: any; pure.
/// </summary>
internal static class BendRandom
{
    /// <summary>Numbers available to one weight: the Gaussian's rejection loop stops well before this.</summary>
    public const int CountersPerIndex = 256;

    private const ulong Gamma = 0x9E3779B97F4A7C15UL; // 2^64 / golden ratio, odd: SplitMix64's step
    private const ulong SeedSalt = 0xD1B54A32D192ED03UL;
    private const ulong OffsetSalt = 0xA0761D6478BD642FUL;
    private const double Inv2Pow53 = 1.0 / 9007199254740992.0;
    private const double Ln2 = 0.693147180559945309417232121458;
    private const double Sqrt2 = 1.41421356237309504880168872421;
    private const double InvSqrt2 = 0.707106781186547524400844362105;

    /// <summary>The stream key of a seed: mixed first, so that seeds 1 and 2 give unrelated streams.</summary>
    public static ulong Key(uint seed) => Mix(seed + SeedSalt);

    /// <summary>Where a seed starts the evenly spread pattern of touched weights, in 0..n−1.</summary>
    public static long Offset(ulong key, long n) => (long)(Mix(key ^ OffsetSalt) % (ulong)n);

    /// <summary>Number <paramref name="sub"/> of weight <paramref name="index"/>'s stream, uniform in (0, 1), never 0 or 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Uniform(ulong key, long index, int sub)
    {
        ulong counter = ((ulong)index * CountersPerIndex) + (ulong)sub;
        // The top 53 bits, centred on their half-step: (m + 0.5)/2^53 is exact and symmetric about 1/2.
        // Through long: the value is below 2^53 either way, and a signed conversion is one instruction on x64.
        return ((long)(Mix(key + (counter * Gamma)) >> 11) + 0.5) * Inv2Pow53;
    }

    /// <summary>
    /// A standardised draw (mean 0, standard deviation 1) from <paramref name="law"/> for weight
    /// <paramref name="index"/>.
    /// </summary>
    public static double Standard(BendDistribution law, ulong key, long index) => law switch
    {
        BendDistribution.Uniform => StandardUniform(key, index),
        BendDistribution.Gaussian => StandardGaussian(key, index),
        BendDistribution.Beta => StandardBeta22(key, index),
        _ => StandardLaplace(key, index),
    };

    /// <summary>Uniform on ±√3, whose variance is (2√3)²/12 = 1.</summary>
    private static double StandardUniform(ulong key, long index) =>
        ((2.0 * Uniform(key, index, 0)) - 1.0) * 1.7320508075688772935;

    /// <summary>
    /// Marsaglia's polar method: a point drawn in the square is kept if it falls inside the unit disc
    /// (π/4 of the time), and then gives a normal variate with one logarithm and one square root, no sine.
    /// Only one of the pair is used, so a weight's draw depends on its own counters alone.
    /// </summary>
    private static double StandardGaussian(ulong key, long index)
    {
        for (int sub = 0; sub + 1 < CountersPerIndex; sub += 2)
        {
            double u = (2.0 * Uniform(key, index, sub)) - 1.0;
            double v = (2.0 * Uniform(key, index, sub + 1)) - 1.0;
            double s = (u * u) + (v * v);
            if (s < 1.0 && s > 0.0)
            {
                return u * Math.Sqrt(-2.0 * Log(s) / s);
            }
        }

        // 127 rejections in a row happen with probability 0.215^127, about 1e-85: never, but the loop ends.
        return 0.0;
    }

    /// <summary>
    /// Beta(2, 2) as the median of three uniforms (the k-th smallest of n uniforms is Beta(k, n+1−k)): exact,
    /// no rejection, no gamma function. Its mean is 1/2 and its variance αβ/((α+β)²(α+β+1)) = 1/20, so
    /// (x − 1/2)·√20 is standard, bounded by ±√5.
    /// </summary>
    private static double StandardBeta22(ulong key, long index)
    {
        double a = Uniform(key, index, 0), b = Uniform(key, index, 1), c = Uniform(key, index, 2);
        double median = Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
        return (median - 0.5) * 4.4721359549995793928;
    }

    /// <summary>
    /// Laplace by its inverse distribution function, with scale b = 1/√2 so that the variance 2b² is 1.
    /// 1 − 2|u − ½| is never 0 because u is never 0 or 1.
    /// </summary>
    private static double StandardLaplace(ulong key, long index)
    {
        double v = Uniform(key, index, 0) - 0.5;
        double magnitude = -Log(1.0 - (2.0 * Math.Abs(v))) * InvSqrt2;
        return v < 0.0 ? -magnitude : magnitude;
    }

    /// <summary>
    /// Natural logarithm of a positive, finite, normal double, to within about one unit in the last place.
    /// x = m·2^e with m in [√½, √2); ln m = 2·atanh(f) with f = (m − 1)/(m + 1), |f| ≤ 0.172, whose odd
    /// series reaches double precision by the f^23 term.
    /// </summary>
    public static double Log(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        int e = (int)((bits >> 52) & 0x7FF) - 1023;
        double m = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L);
        if (m > Sqrt2)
        {
            m *= 0.5;
            e++;
        }

        double f = (m - 1.0) / (m + 1.0);
        double t = f * f;
        // Σ t^i/(2i + 1) for i = 0..11 by Estrin's scheme: pairs, then pairs of pairs, so the
        // multiplications overlap instead of waiting on each other as in Horner's chain. A fixed order of
        // operations all the same, so the result is as deterministic.
        double t2 = t * t, t4 = t2 * t2, t8 = t4 * t4;
        double a0 = 1.0 + (t * (1.0 / 3.0)), a1 = (1.0 / 5.0) + (t * (1.0 / 7.0));
        double a2 = (1.0 / 9.0) + (t * (1.0 / 11.0)), a3 = (1.0 / 13.0) + (t * (1.0 / 15.0));
        double a4 = (1.0 / 17.0) + (t * (1.0 / 19.0)), a5 = (1.0 / 21.0) + (t * (1.0 / 23.0));
        double series = (a0 + (a1 * t2)) + ((a2 + (a3 * t2)) * t4) + ((a4 + (a5 * t2)) * t8);
        return (e * Ln2) + (2.0 * f * series);
    }

    // SplitMix64's output function (Stafford's "Mix13" constants): every input bit reaches every output bit.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
