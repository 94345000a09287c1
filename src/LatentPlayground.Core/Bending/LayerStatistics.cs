namespace LatentPlayground.Core.Bending;

/// <summary>
/// Count, mean, standard deviation (population: divided by the count), minimum and maximum of a layer's
/// weights: the "own statistics" that DISTRIBUTION standardises its draws to. An empty layer has every
/// figure 0, so that arithmetic built on it stays finite. Thread: any; pure, allocates nothing.
/// </summary>
public readonly record struct LayerStatistics(int Count, double Mean, double StandardDeviation, double Min, double Max)
{
    /// <summary>
    /// Computes the statistics of <paramref name="weights"/> in two passes (mean, then the squared
    /// deviations from it), which stays accurate when the mean is large beside the spread, as it is for
    /// a normalisation layer's gains near 1.
    /// <para>
    /// The sums run in double over four interleaved accumulators combined in a fixed order, never through
    /// <c>Vector&lt;T&gt;</c>: its width differs between the x64 development machines and the Pi's ARM64,
    /// which would change the order of the additions and so the last bits, and a bend must come out the
    /// same on both.
    /// </para>
    /// </summary>
    public static LayerStatistics Of(ReadOnlySpan<float> weights)
    {
        int n = weights.Length;
        if (n == 0)
        {
            return default;
        }

        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        float min = weights[0], max = weights[0];
        int i = 0;
        for (; i + 4 <= n; i += 4)
        {
            float a = weights[i], b = weights[i + 1], c = weights[i + 2], d = weights[i + 3];
            s0 += a;
            s1 += b;
            s2 += c;
            s3 += d;
            min = Math.Min(min, Math.Min(Math.Min(a, b), Math.Min(c, d)));
            max = Math.Max(max, Math.Max(Math.Max(a, b), Math.Max(c, d)));
        }

        for (; i < n; i++)
        {
            float a = weights[i];
            s0 += a;
            min = Math.Min(min, a);
            max = Math.Max(max, a);
        }

        double mean = ((s0 + s1) + (s2 + s3)) / n;

        double q0 = 0, q1 = 0, q2 = 0, q3 = 0;
        i = 0;
        for (; i + 4 <= n; i += 4)
        {
            double a = weights[i] - mean, b = weights[i + 1] - mean, c = weights[i + 2] - mean, d = weights[i + 3] - mean;
            q0 += a * a;
            q1 += b * b;
            q2 += c * c;
            q3 += d * d;
        }

        for (; i < n; i++)
        {
            double a = weights[i] - mean;
            q0 += a * a;
        }

        double std = Math.Sqrt(((q0 + q1) + (q2 + q3)) / n);
        return new LayerStatistics(n, mean, std, min, max);
    }
}
