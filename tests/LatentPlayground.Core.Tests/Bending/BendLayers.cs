namespace LatentPlayground.Core.Tests.Bending;

/// <summary>Made-up layers and the sample statistics the bending tests measure them with.</summary>
internal static class BendLayers
{
    /// <summary>
    /// A "learned" layer: a deterministic pattern with structure (two interfering waves on an offset), never
    /// zero, so that a flipped or scaled weight always differs from its pristine bits.
    /// </summary>
    public static float[] Learned(int n)
    {
        var w = new float[n];
        for (int i = 0; i < n; i++)
        {
            w[i] = (float)(0.02 + (0.1 * Math.Sin(i * 0.37) * (1.0 + (0.5 * Math.Cos(i * 0.011)))) + (1e-4 * ((i % 7) + 1)));
        }

        return w;
    }

    public static int[] ChangedIndices(ReadOnlySpan<float> before, ReadOnlySpan<float> after)
    {
        var changed = new List<int>();
        for (int i = 0; i < before.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(before[i]) != BitConverter.SingleToInt32Bits(after[i]))
            {
                changed.Add(i);
            }
        }

        return [.. changed];
    }

    public static bool BitEqual(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(a).SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.AsBytes(b));

    public static double Mean(ReadOnlySpan<float> x)
    {
        double s = 0;
        foreach (float v in x)
        {
            s += v;
        }

        return s / x.Length;
    }

    public static double Std(ReadOnlySpan<float> x)
    {
        double m = Mean(x), s = 0;
        foreach (float v in x)
        {
            s += (v - m) * (v - m);
        }

        return Math.Sqrt(s / x.Length);
    }

    public static double ExcessKurtosis(ReadOnlySpan<float> x)
    {
        double m = Mean(x), s2 = 0, s4 = 0;
        foreach (float v in x)
        {
            double d = (v - m) * (v - m);
            s2 += d;
            s4 += d * d;
        }

        s2 /= x.Length;
        s4 /= x.Length;
        return (s4 / (s2 * s2)) - 3.0;
    }

    public static double Correlation(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double ma = Mean(a), mb = Mean(b), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double da = a[i] - ma, db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }

        return sab / Math.Sqrt(saa * sbb);
    }

    /// <summary>Kolmogorov–Smirnov distance between the sample and a distribution function.</summary>
    public static double KolmogorovSmirnov(ReadOnlySpan<float> sample, Func<double, double> cdf)
    {
        double[] sorted = new double[sample.Length];
        for (int i = 0; i < sample.Length; i++)
        {
            sorted[i] = sample[i];
        }

        Array.Sort(sorted);
        int n = sorted.Length;
        double d = 0;
        for (int i = 0; i < n; i++)
        {
            double f = cdf(sorted[i]);
            d = Math.Max(d, Math.Max(Math.Abs(f - ((double)i / n)), Math.Abs(((i + 1.0) / n) - f)));
        }

        return d;
    }

    /// <summary>The normal distribution function, via Abramowitz and Stegun 7.1.26 (error below 1.5e-7).</summary>
    public static double NormalCdf(double z)
    {
        double x = Math.Abs(z) / Math.Sqrt(2.0);
        double t = 1.0 / (1.0 + (0.3275911 * x));
        double poly = t * (0.254829592 + (t * (-0.284496736 + (t * (1.421413741 + (t * (-1.453152027 + (t * 1.061405429))))))));
        double erf = 1.0 - (poly * Math.Exp(-x * x));
        return z >= 0 ? 0.5 * (1.0 + erf) : 0.5 * (1.0 - erf);
    }
}
