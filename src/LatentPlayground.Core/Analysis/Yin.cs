namespace LatentPlayground.Core.Analysis;

/// <summary>
/// f0 per frame by YIN (de Cheveigne and Kawahara 2002), exactly as <c>lpexport.quality.yin</c>: for
/// frame i, the segment x[i*h, i*h + 2w) (w the window, h the hop); the difference function
/// d(tau) = sum over j &lt; w of (x_j - x_(j+tau))^2 for tau = 0..tau_max, written with running energies
/// and one cross-correlation; the cumulative mean normalisation d'(tau) = d(tau) tau / sum_(1..tau) d;
/// the first lag from rate/fmax on with d' below the threshold, followed downhill to its minimum; and
/// parabolic interpolation around that minimum. A frame is unvoiced when its window is quieter than the
/// silence gate (dB re the whole signal's peak) or when no lag goes below the threshold.
/// The cross-correlation is computed by FFT (the same sums, rounded differently at the 1e-13 level).
/// Not real-time code.
/// Thread: stateless; any thread, concurrently.
/// </summary>
public static class Yin
{
    public static PitchTrack Track(ReadOnlySpan<float> signal, int sampleRate, YinOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        YinOptions o = options ?? YinOptions.Default;
        int w = (int)(o.FrameSeconds * sampleRate);
        int h = (int)(o.HopSeconds * sampleRate);
        int tauMin = (int)(sampleRate / o.MaxHz);
        int tauMax = Math.Min((int)(sampleRate / o.MinHz), w - 1);
        if (w < 2 || h < 1 || tauMin < 1 || tauMax <= tauMin)
        {
            throw new ArgumentException($"YIN settings give a window of {w}, a hop of {h} and lags {tauMin}..{tauMax} samples at {sampleRate} Hz", nameof(options));
        }

        int frames = signal.Length < 2 * w ? 0 : ((signal.Length - (2 * w)) / h) + 1;
        var f0 = new double[frames];
        var voiced = new bool[frames];
        double peak = 0;
        foreach (float v in signal)
        {
            peak = Math.Max(peak, Math.Abs(v));
        }

        peak += 1e-12;
        var fft = new Fft(Fft.NextPowerOfTwo(w + tauMax));
        int size = fft.Size;
        var segment = new double[2 * w];
        var energy = new double[(2 * w) + 1];
        var zr = new double[size];
        var zi = new double[size];
        var rr = new double[size];
        var ri = new double[size];
        var d = new double[tauMax + 1];
        var cmnd = new double[tauMax + 1];
        for (int i = 0; i < frames; i++)
        {
            for (int j = 0; j < 2 * w; j++)
            {
                segment[j] = signal[(i * h) + j];
            }

            double windowEnergy = 0;
            for (int j = 0; j < w; j++)
            {
                windowEnergy += segment[j] * segment[j];
            }

            if (20 * Math.Log10((Math.Sqrt(windowEnergy / w) / peak) + 1e-12) < o.SilenceDb)
            {
                continue;
            }

            for (int j = 0; j < 2 * w; j++)
            {
                energy[j + 1] = energy[j] + (segment[j] * segment[j]);
            }

            // corr(tau) = sum over j < w of segment[tau + j] * segment[j], for tau = 0..tauMax: the
            // circular cross-correlation of s, the first w + tauMax samples, with a, the first w, which does
            // not wrap for these lags because the transform is at least w + tauMax long. One complex
            // transform of z = s + i a gives both spectra: S[k] = (Z[k] + conj Z[-k]) / 2 and
            // A[k] = (Z[k] - conj Z[-k]) / 2i; then corr = IFFT(S conj A).
            Array.Clear(zr);
            Array.Clear(zi);
            Array.Copy(segment, zr, w + tauMax);
            Array.Copy(segment, zi, w);
            fft.Forward(zr, zi);
            for (int k = 0; k < size; k++)
            {
                int m = (size - k) & (size - 1);
                double p = zr[k];
                double q = zi[k];
                double u = zr[m];
                double v = zi[m];
                double sRe = 0.5 * (p + u);
                double sIm = 0.5 * (q - v);
                double aRe = 0.5 * (q + v); // conj A
                double aIm = 0.5 * (p - u);
                rr[k] = (sRe * aRe) - (sIm * aIm);
                ri[k] = (sRe * aIm) + (sIm * aRe);
            }

            fft.Inverse(rr, ri);
            for (int tau = 0; tau <= tauMax; tau++)
            {
                d[tau] = (energy[w] - energy[0]) + (energy[tau + w] - energy[tau]) - (2 * rr[tau]);
            }

            cmnd[0] = 1.0;
            double running = 0;
            for (int tau = 1; tau <= tauMax; tau++)
            {
                running += d[tau];
                cmnd[tau] = d[tau] * tau / Math.Max(running, 1e-12);
            }

            int best = -1;
            for (int tau = tauMin; tau <= tauMax; tau++)
            {
                if (cmnd[tau] < o.Threshold)
                {
                    best = tau;
                    break;
                }
            }

            if (best < 0)
            {
                continue;
            }

            while (best + 1 <= tauMax && cmnd[best + 1] < cmnd[best])
            {
                best++;
            }

            double shift = 0.0;
            if (best >= 1 && best < tauMax)
            {
                double l = cmnd[best - 1];
                double c = cmnd[best];
                double r = cmnd[best + 1];
                double denominator = l - (2 * c) + r;
                shift = Math.Abs(denominator) > 1e-12 ? 0.5 * (l - r) / denominator : 0.0;
            }

            f0[i] = sampleRate / (best + shift);
            voiced[i] = true;
        }

        return new PitchTrack(f0, voiced, h);
    }
}
