namespace LatentPlayground.Core.Analysis;

/// <summary>
/// Loudness following, as the loudness r of <c>lpexport.evaluate</c>: the output is shifted back by its
/// best lag (<see cref="EnvelopeAlignment"/>, 0..<see cref="DefaultMaxLagSeconds"/> by default), both are
/// cut to the common length, and the figure is the Pearson correlation of their 20 ms RMS envelopes.
/// Thread: stateless; any thread, concurrently.
/// </summary>
public static class LoudnessFollowing
{
    /// <summary>Longest lag searched by default: a second, far beyond any pedal's latency, so a wrongly reported latency still aligns.</summary>
    public const double DefaultMaxLagSeconds = 1.0;

    /// <summary>Envelope frame of the correlation, in seconds.</summary>
    public const double EnvelopeSeconds = 0.02;

    public static LoudnessFollowingResult Measure(ReadOnlySpan<float> input, ReadOnlySpan<float> output, int sampleRate, double maxLagSeconds = DefaultMaxLagSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLagSeconds);
        int lag = EnvelopeAlignment.BestLag(input, output, sampleRate, (int)(maxLagSeconds * sampleRate));
        return Aligned(input, output[lag..], sampleRate) with { LagSamples = lag };
    }

    /// <summary>The correlation of two signals already aligned, over their common length.</summary>
    public static LoudnessFollowingResult Aligned(ReadOnlySpan<float> input, ReadOnlySpan<float> output, int sampleRate)
    {
        int n = Math.Min(input.Length, output.Length);
        int frame = Math.Max(1, (int)(EnvelopeSeconds * sampleRate));
        double[] ex = RmsEnvelope.Compute(input[..n], frame);
        double[] ey = RmsEnvelope.Compute(output[..n], frame);
        return new LoudnessFollowingResult(Pearson(ex, ey), 0, ex.Length);
    }

    private static double Pearson(double[] x, double[] y)
    {
        if (x.Length < 2)
        {
            return double.NaN;
        }

        double mx = x.Average();
        double my = y.Average();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : double.NaN;
    }
}
