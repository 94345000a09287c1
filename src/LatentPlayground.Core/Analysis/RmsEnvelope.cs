namespace LatentPlayground.Core.Analysis;

/// <summary>
/// RMS per consecutive frame of a signal (a trailing partial frame is dropped), as
/// <c>lpexport.latency._envelope</c>.
/// Thread: stateless; any thread.
/// </summary>
public static class RmsEnvelope
{
    public static double[] Compute(ReadOnlySpan<float> signal, int frame)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frame);
        var envelope = new double[signal.Length / frame];
        for (int i = 0; i < envelope.Length; i++)
        {
            double sum = 0;
            foreach (float v in signal.Slice(i * frame, frame))
            {
                sum += (double)v * v;
            }

            envelope[i] = Math.Sqrt(sum / frame);
        }

        return envelope;
    }
}
