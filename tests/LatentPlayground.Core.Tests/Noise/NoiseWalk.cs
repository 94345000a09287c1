using LatentPlayground.Core.Noise;

namespace LatentPlayground.Core.Tests.Noise;

/// <summary>Walks a noise field the way a modulator does: x forward by a fixed step, y held.</summary>
internal static class NoiseWalk
{
    // The modulator bank's own starting point and row, so the statistics describe what a user hears.
    public const double StartX = 0.318;
    public const double RowY = 0.437;

    public static readonly NoiseBasisKind[] AllKinds = Enum.GetValues<NoiseBasisKind>();

    public static double[] Run(NoiseBasisKind kind, double step, int count, uint seed = 7, double y = RowY)
    {
        NoiseBasis basis = NoiseBasis.Get(kind);
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            // Multiplying rather than accumulating keeps every position exact to the step's own rounding,
            // so run lengths measured in steps do not drift over a long walk.
            values[i] = basis.Sample(StartX + (i * step), y, seed);
        }

        return values;
    }

    public static double Correlation(double[] a, double[] b, int lag = 0)
    {
        int n = Math.Min(a.Length, b.Length - lag);
        double meanA = 0;
        double meanB = 0;
        for (int i = 0; i < n; i++)
        {
            meanA += a[i];
            meanB += b[i + lag];
        }

        meanA /= n;
        meanB /= n;
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < n; i++)
        {
            double da = a[i] - meanA;
            double db = b[i + lag] - meanB;
            ab += da * db;
            aa += da * da;
            bb += db * db;
        }

        return ab / Math.Sqrt(aa * bb);
    }

    /// <summary>Largest |step| over the same stretch of x walked at <paramref name="step"/>.</summary>
    public static double MaxStepOver(NoiseBasisKind kind, double start, double length, double step)
    {
        NoiseBasis basis = NoiseBasis.Get(kind);
        int count = (int)(length / step);
        double previous = basis.Sample(start, RowY, 7);
        double max = 0;
        for (int i = 1; i <= count; i++)
        {
            double value = basis.Sample(start + (i * step), RowY, 7);
            max = Math.Max(max, Math.Abs(value - previous));
            previous = value;
        }

        return max;
    }

    /// <summary>An order-sensitive fingerprint of the exact bits of a walk: 64-bit FNV-1a over the IEEE bytes.</summary>
    /// <remarks>
    /// Byte by byte, not word by word: a multiply only carries low bits upwards, so a word-wise hash of values
    /// whose low mantissa bits are all zero (cell and voronoi have 24 significant bits) would ignore half its input.
    /// </remarks>
    public static ulong Fingerprint(double[] values)
    {
        ulong h = 0xCBF29CE484222325ul;
        foreach (double v in values)
        {
            ulong bits = (ulong)BitConverter.DoubleToInt64Bits(v);
            for (int b = 0; b < 64; b += 8)
            {
                h ^= (bits >> b) & 0xFFul;
                h *= 0x100000001B3ul;
            }
        }

        return h;
    }
}
