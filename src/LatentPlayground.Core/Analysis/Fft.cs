namespace LatentPlayground.Core.Analysis;

/// <summary>
/// Radix-2 decimation-in-time complex FFT of one power-of-two size, in place. Forward:
/// X[k] = sum over n of x[n] e^(-2 pi i k n / N); <see cref="Inverse"/> divides by N, so a round trip
/// returns the input. The twiddles (computed directly, not by recurrence, so long transforms keep their
/// accuracy) and the bit-reversal table are made once per instance, for measures that transform many
/// frames of one size.
/// <para>
/// A signal of any other length can be zero-padded to <see cref="NextPowerOfTwo"/> (see
/// <see cref="PowerSpectrum"/>): the padded transform samples the same spectrum, the discrete-time
/// Fourier transform of the signal's own samples, on a finer grid of N points instead of n. Where a
/// measure needs the n-point grid itself, <see cref="BluesteinDft"/> computes it exactly with this FFT.
/// </para>
/// Not real-time code; the transforms themselves do not allocate.
/// Thread: immutable after construction; one instance may transform different buffers on several threads at once.
/// </summary>
public sealed class Fft
{
    private readonly double[] _cos;
    private readonly double[] _sin;
    private readonly int[] _swapWith;

    /// <param name="size">A power of two.</param>
    public Fft(int size)
    {
        if (size <= 0 || (size & (size - 1)) != 0)
        {
            throw new ArgumentException($"the size must be a power of two, not {size}", nameof(size));
        }

        Size = size;
        int half = Math.Max(size / 2, 1);
        _cos = new double[half];
        _sin = new double[half];
        for (int k = 0; k < size / 2; k++)
        {
            double angle = 2.0 * Math.PI * k / size;
            _cos[k] = Math.Cos(angle);
            _sin[k] = Math.Sin(angle);
        }

        _swapWith = new int[size];
        for (int i = 1, j = 0; i < size; i++)
        {
            int bit = size >> 1;
            for (; (j & bit) != 0; bit >>= 1)
            {
                j ^= bit;
            }

            j |= bit;
            _swapWith[i] = j;
        }
    }

    /// <summary>The transform length.</summary>
    public int Size { get; }

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

    /// <summary>
    /// |X[k]|^2 for k = 0..size/2 of a real signal zero-padded to <paramref name="size"/> (a power of two,
    /// at least the signal's length): the one-sided power spectrum, bin k at k * rate / size hertz.
    /// </summary>
    public static double[] PowerSpectrum(ReadOnlySpan<double> signal, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, signal.Length);
        var fft = new Fft(size);
        var real = new double[size];
        var imag = new double[size];
        signal.CopyTo(real);
        fft.Forward(real, imag);
        var power = new double[(size / 2) + 1];
        for (int k = 0; k < power.Length; k++)
        {
            power[k] = (real[k] * real[k]) + (imag[k] * imag[k]);
        }

        return power;
    }

    /// <summary>Forward transform of (real, imag) in place; both of length <see cref="Size"/>.</summary>
    public void Forward(double[] real, double[] imag) => Transform(real, imag, -1.0);

    /// <summary>Inverse transform of (real, imag) in place, scaled by 1/N.</summary>
    public void Inverse(double[] real, double[] imag)
    {
        Transform(real, imag, 1.0);
        double scale = 1.0 / Size;
        for (int i = 0; i < Size; i++)
        {
            real[i] *= scale;
            imag[i] *= scale;
        }
    }

    // Plain arrays rather than spans in the inner loop: it keeps the transform quick in unoptimised
    // (Debug) builds too, where the tests run it.
    private void Transform(double[] real, double[] imag, double sign)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(imag);
        int n = Size;
        if (real.Length != n || imag.Length != n)
        {
            throw new ArgumentException($"this transform is {n} long; real has {real.Length} values and imag {imag.Length}", nameof(real));
        }

        int[] swap = _swapWith;
        for (int i = 1; i < n; i++)
        {
            int j = swap[i];
            if (i < j)
            {
                (real[i], real[j]) = (real[j], real[i]);
                (imag[i], imag[j]) = (imag[j], imag[i]);
            }
        }

        double[] cos = _cos;
        double[] sin = _sin;
        for (int length = 2; length <= n; length <<= 1)
        {
            int halfLength = length / 2;
            int step = n / length;
            for (int start = 0; start < n; start += length)
            {
                for (int k = 0, t = 0; k < halfLength; k++, t += step)
                {
                    double wr = cos[t];
                    double wi = sign * sin[t];
                    int a = start + k;
                    int b = a + halfLength;
                    double br = real[b];
                    double bi = imag[b];
                    double tr = (br * wr) - (bi * wi);
                    double ti = (br * wi) + (bi * wr);
                    double ar = real[a];
                    double ai = imag[a];
                    real[b] = ar - tr;
                    imag[b] = ai - ti;
                    real[a] = ar + tr;
                    imag[a] = ai + ti;
                }
            }
        }
    }
}
