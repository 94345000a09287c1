namespace LatentPlayground.Core.Analysis;

/// <summary>
/// The periodic-artefact share, as <c>lpexport.quality.periodic_share</c> defines it: for every period P
/// dividing the hop (the shortest period, then doubling up to the hop), the share of the signal's energy
/// that lies within plus or minus <see cref="LineHalfWidthHz"/> of the harmonics k * rate / P up to
/// Nyquist. A model whose upsamplers or framing leave a steady comb at the hop's divisors scores high
/// whatever is played; music scores near the chance level, the comb's share of the spectrum's bins.
/// <para>
/// One Hann-windowed transform of the whole signal (the window spans the signal's own n samples), DC
/// excluded from both the comb and the total. As in numpy's <c>searchsorted</c>, each harmonic h covers
/// the bins from the first at or above h - 0.25 Hz to the first at or above h + 0.25 Hz, inclusive.
/// </para>
/// <para>
/// The spectrum is the signal's own n-point DFT, as numpy's <c>rfft(x)</c> (by <see cref="BluesteinDft"/>
/// on the radix-2 FFT), not the signal zero-padded to a power of two. Padding would sample the same
/// spectrum on a finer grid, and a band given in hertz is the same band on any grid, so for a band summed
/// strictly inside its edges padding would change nothing but the Riemann sum's resolution. But Python's
/// band, like its chance level, runs to the first bin at or above h + 0.25 Hz inclusive: its width is
/// 0.5 Hz plus up to one bin, and the bin is rate / n. On the padded grid (524288 points for an 8 s clip
/// instead of 384000) the bundled model's render of the demo riff read 65.0 % at P=256 instead of
/// Python's 66.8 %, the chance level 0.29 % instead of 0.33 %: the buzz's lines have skirts, so the band's
/// extra width counts. On the same grid the two implementations agree to rounding.
/// </para>
/// Not real-time code (one transform of the whole signal).
/// Thread: stateless; any thread, concurrently.
/// </summary>
public static class PeriodicShare
{
    /// <summary>Half-width of each harmonic's band, in hertz.</summary>
    public const double LineHalfWidthHz = 0.25;

    /// <summary>Shortest period measured, in samples.</summary>
    public const int DefaultMinPeriod = 16;

    /// <param name="signal">Mono samples.</param>
    /// <param name="sampleRate">Their rate in hertz.</param>
    /// <param name="hop">The model's hop: periods are its power-of-two divisors from <paramref name="minPeriod"/> up.</param>
    /// <param name="minPeriod">The shortest period.</param>
    public static PeriodicShareResult Measure(ReadOnlySpan<float> signal, int sampleRate, int hop, int minPeriod = DefaultMinPeriod)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hop);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minPeriod);
        int n = signal.Length;
        double[] window = HannWindow.Symmetric(n);
        var windowed = new double[n];
        for (int i = 0; i < n; i++)
        {
            windowed[i] = signal[i] * window[i];
        }

        double[] power = n >= 2 ? new BluesteinDft(n).PowerSpectrum(windowed) : [0.0];
        int bins = power.Length;
        // numpy's rfftfreq arithmetic, k * (1 / (n * (1 / rate))), so bins that fall exactly on a band's
        // edge (every 0.125 Hz for 8 s at 48 kHz) land on the same side of it as in Python.
        double resolution = 1.0 / (Math.Max(n, 1) * (1.0 / sampleRate));
        double total = 0;
        for (int k = 1; k < bins; k++)
        {
            total += power[k];
        }

        var combs = new List<PeriodicComb>();
        var mask = new bool[bins];
        for (long period = minPeriod; period <= hop; period *= 2)
        {
            if (hop % period != 0)
            {
                continue;
            }

            Array.Clear(mask);
            double f0 = (double)sampleRate / period;
            int harmonics = (int)Math.Floor(sampleRate / 2.0 / f0);
            for (int h = 1; h <= harmonics; h++)
            {
                double centre = h * f0;
                int lo = FirstBinAtOrAbove(centre - LineHalfWidthHz, resolution, bins);
                int hi = Math.Min(FirstBinAtOrAbove(centre + LineHalfWidthHz, resolution, bins), bins - 1);
                for (int k = lo; k <= hi; k++)
                {
                    mask[k] = true;
                }
            }

            mask[0] = false;
            double onComb = 0;
            int covered = 0;
            for (int k = 1; k < bins; k++)
            {
                if (mask[k])
                {
                    onComb += power[k];
                    covered++;
                }
            }

            double share = total > 0 ? onComb / total : 0.0;
            double chance = bins > 1 ? (double)covered / (bins - 1) : 0.0;
            combs.Add(new PeriodicComb((int)period, f0, harmonics, share, chance));
        }

        return new PeriodicShareResult(combs, n, resolution);
    }

    // numpy's searchsorted(freqs, f, side="left") on the grid k * resolution: the first bin at or above f
    // (bins when none is).
    private static int FirstBinAtOrAbove(double f, double resolution, int bins)
    {
        if (f <= 0)
        {
            return 0;
        }

        long k = (long)Math.Ceiling(f / resolution);
        while (k > 0 && (k - 1) * resolution >= f)
        {
            k--;
        }

        while (k < bins && k * resolution < f)
        {
            k++;
        }

        return (int)Math.Min(k, bins);
    }
}
