namespace LatentPlayground.Core.Analysis;

/// <summary>
/// Pitch following, as <c>lpexport.quality.pitch_error</c>: <see cref="Yin"/> on both signals, then the
/// median of 1200 |log2(f_out / f_in)| over frames voiced in both, and the share of frames whose voicing
/// agrees, over the shorter track. The signals are compared frame for frame, so they must already be
/// aligned in time (see <see cref="EnvelopeAlignment"/>). Meant for monophonic material.
/// Thread: stateless; any thread, concurrently.
/// </summary>
public static class PitchFollowing
{
    public static PitchFollowingResult Measure(ReadOnlySpan<float> input, ReadOnlySpan<float> output, int sampleRate, YinOptions? options = null)
    {
        PitchTrack x = Yin.Track(input, sampleRate, options);
        PitchTrack y = Yin.Track(output, sampleRate, options);
        return Compare(x, y);
    }

    /// <summary>The measure on two tracks already computed.</summary>
    public static PitchFollowingResult Compare(PitchTrack input, PitchTrack output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        int n = Math.Min(input.Frames, output.Frames);
        var cents = new List<double>();
        int agree = 0;
        for (int i = 0; i < n; i++)
        {
            if (input.Voiced[i] == output.Voiced[i])
            {
                agree++;
            }

            if (input.Voiced[i] && output.Voiced[i])
            {
                cents.Add(1200.0 * Math.Abs(Math.Log2(output.F0[i] / input.F0[i])));
            }
        }

        double agreement = n > 0 ? (double)agree / n : 0.0;
        return new PitchFollowingResult(Median(cents), agreement, cents.Count, n);
    }

    // numpy's median: the middle value, or the mean of the two middle values.
    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        values.Sort();
        int m = values.Count / 2;
        return values.Count % 2 == 1 ? values[m] : 0.5 * (values[m - 1] + values[m]);
    }
}
