namespace LatentPlayground.Core.Analysis;

/// <summary>
/// Radix-2 decimation-in-time complex FFT, in place, for power-of-two lengths. Forward:
/// X[k] = sum over n of x[n] e^(-2 pi i k n / N); <see cref="Inverse"/> divides by N, so a round trip
/// returns the input. A signal of any other length is zero-padded to <see cref="NextPowerOfTwo"/>:
/// the padded transform samples the same spectrum (the discrete-time Fourier transform of the n real
/// samples) on a finer grid of N points instead of n, which is what the measures here need; none of them
/// counts bins, they sum bins that fall in bands given in hertz.
/// Not real-time code: each call allocates its twiddle table.
/// Thread: stateless; any thread, concurrently on different buffers.
/// </summary>
public static class Fft
{
    /// <summary>The smallest power of two at least <paramref name="n"/> (1 for n at most 1).</summary>
    public static int NextPowerOfTwo(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, 1 << 30);
        int size = 1;
        while (size < n)
        {
            size <<= 1;
        }

        return size;
    }

    /// <summary>Forward transform of (real, imag) in place; both the same power-of-two length.</summary>
    public static void Forward(Span<double> real, Span<double> imag) => Transform(real, imag, inverse: false);

    /// <summary>Inverse transform of (real, imag) in place, scaled by 1/N.</summary>
    public static void Inverse(Span<double> real, Span<double> imag)
    {
        Transform(real, imag, inverse: true);
        double scale = 1.0 / real.Length;
        for (int i = 0; i < real.Length; i++)
        {
            real[i] *= scale;
            imag[i] *= scale;
        }
    }

    /// <summary>
    /// |X[k]|^2 for k = 0..size/2 of a real signal zero-padded to <paramref name="size"/> (a power of two,
    /// at least the signal's length): the one-sided power spectrum, bin k at k * rate / size hertz.
    /// </summary>
    public static double[] PowerSpectrum(ReadOnlySpan<double> signal, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, signal.Length);
        var real = new double[size];
        var imag = new double[size];
        signal.CopyTo(real);
        Forward(real, imag);
        var power = new double[(size / 2) + 1];
        for (int k = 0; k < power.Length; k++)
        {
            power[k] = (real[k] * real[k]) + (imag[k] * imag[k]);
        }

        return power;
    }

    private static void Transform(Span<double> real, Span<double> imag, bool inverse)
    {
        int n = real.Length;
        if (imag.Length != n)
        {
            throw new ArgumentException($"real has {n} values but imag has {imag.Length}", nameof(imag));
        }

        if (n == 0 || (n & (n - 1)) != 0)
        {
            throw new ArgumentException($"the length must be a power of two, not {n}", nameof(real));
        }

        // Bit-reversal permutation.
        for (int i = 1, j = 0; i < n; i++)
        {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1)
            {
                j ^= bit;
            }

            j |= bit;
            if (i < j)
            {
                (real[i], real[j]) = (real[j], real[i]);
                (imag[i], imag[j]) = (imag[j], imag[i]);
            }
        }

        // Twiddles from one table computed directly (no recurrence), so long transforms keep their accuracy.
        int half = n / 2;
        var cos = new double[Math.Max(half, 1)];
        var sin = new double[Math.Max(half, 1)];
        double sign = inverse ? 1.0 : -1.0;
        for (int k = 0; k < half; k++)
        {
            double angle = 2.0 * Math.PI * k / n;
            cos[k] = Math.Cos(angle);
            sin[k] = sign * Math.Sin(angle);
        }

        for (int length = 2; length <= n; length <<= 1)
        {
            int halfLength = length / 2;
            int step = n / length;
            for (int start = 0; start < n; start += length)
            {
                for (int k = 0; k < halfLength; k++)
                {
                    double wr = cos[k * step];
                    double wi = sin[k * step];
                    int a = start + k;
                    int b = a + halfLength;
                    double tr = (real[b] * wr) - (imag[b] * wi);
                    double ti = (real[b] * wi) + (imag[b] * wr);
                    real[b] = real[a] - tr;
                    imag[b] = imag[a] - ti;
                    real[a] += tr;
                    imag[a] += ti;
                }
            }
        }
    }
}
