namespace LatentPlayground.Core.Dsp;

/// <summary>
/// NaN and ±Inf samples become silence. One such sample in a model's input spreads through every later hop
/// (the convolution states keep it), so a file with a few of them would otherwise render to 100 % NaN.
/// Thread: any; no allocation.
/// </summary>
public static class NonFiniteSamples
{
    /// <returns>How many samples were replaced.</returns>
    public static int Clean(Span<float> samples)
    {
        int count = 0;
        for (int i = 0; i < samples.Length; i++)
        {
            if (!float.IsFinite(samples[i]))
            {
                samples[i] = 0f;
                count++;
            }
        }

        return count;
    }
}
