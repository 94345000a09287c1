namespace LatentPlayground.Core.Analysis;

/// <summary>
/// Finds how late an output is against its input by its loudness, as <c>lpexport.evaluate.align</c>
/// does: the 1 ms RMS envelopes (rate / 1000 samples per frame), each normalised to zero mean and unit
/// variance, are correlated at every lag from 0 to the largest allowed, each lag's sum divided by its
/// overlap, and the first best lag wins. A model rebuilds the sound without keeping its phase, so the
/// waveforms do not correlate but their loudness does. Lags are whole envelope frames; an output that
/// leads its input reads 0, as in Python, which searches both ways and keeps the lag only when positive.
/// Thread: stateless; any thread.
/// </summary>
public static class EnvelopeAlignment
{
    /// <summary>The output's delay in samples (a multiple of the 1 ms frame), 0..<paramref name="maxLagSamples"/>.</summary>
    public static int BestLag(ReadOnlySpan<float> input, ReadOnlySpan<float> output, int sampleRate, int maxLagSamples)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLagSamples);
        int frame = Math.Max(1, sampleRate / 1000);
        double[] a = Standardise(RmsEnvelope.Compute(input, frame));
        double[] b = Standardise(RmsEnvelope.Compute(output, frame));
        int best = 0;
        double bestR = double.NegativeInfinity;
        for (int lag = 0; lag <= maxLagSamples / frame; lag++)
        {
            int overlap = Math.Min(a.Length, b.Length - lag);
            if (overlap <= 0)
            {
                break;
            }

            double sum = 0;
            for (int i = 0; i < overlap; i++)
            {
                sum += a[i] * b[i + lag];
            }

            double r = sum / overlap;
            if (r > bestR)
            {
                best = lag;
                bestR = r;
            }
        }

        return best * frame;
    }

    private static double[] Standardise(double[] x)
    {
        if (x.Length == 0)
        {
            return x;
        }

        double mean = x.Average();
        double variance = 0;
        foreach (double v in x)
        {
            variance += (v - mean) * (v - mean);
        }

        double std = Math.Sqrt(variance / x.Length) + 1e-12;
        return [.. x.Select(v => (v - mean) / std)];
    }
}
