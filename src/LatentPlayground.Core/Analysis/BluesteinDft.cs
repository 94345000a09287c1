namespace LatentPlayground.Core.Analysis;

/// <summary>
/// The discrete Fourier transform of exactly <see cref="Length"/> points, any length, by Bluestein's
/// chirp-z algorithm on the radix-2 <see cref="Fft"/>: with c[t] = e^(-i pi t^2 / n),
/// X[k] = c[k] * sum over t of (x[t] c[t]) conj(c[k - t]), a linear convolution that a power-of-two FFT of
/// at least 2n - 1 points computes exactly (the zero padding there leaves no wrap-around). The result is
/// the n-bin spectrum numpy's <c>rfft</c> gives, bin k at k * rate / n, not a zero-padded spectrum on a
/// finer grid; <see cref="PeriodicShare"/> needs that grid to agree with Python (see there why).
/// A power-of-two length goes straight to the FFT. The chirp's transform is made once per instance.
/// Not real-time code.
/// Thread: immutable after construction; one instance may transform different buffers on several threads at once.
/// </summary>
public sealed class BluesteinDft
{
    private readonly Fft _fft;
    private readonly bool _direct;
    private readonly double[] _chirpRe = [];
    private readonly double[] _chirpIm = [];
    private readonly double[] _kernelRe = [];
    private readonly double[] _kernelIm = [];

    public BluesteinDft(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, 1 << 29);
        Length = length;
        _direct = (length & (length - 1)) == 0;
        if (_direct)
        {
            _fft = new Fft(length);
            return;
        }

        _fft = new Fft(Fft.NextPowerOfTwo((2 * length) - 1));
        int m = _fft.Size;
        _chirpRe = new double[length];
        _chirpIm = new double[length];
        _kernelRe = new double[m];
        _kernelIm = new double[m];
        for (int t = 0; t < length; t++)
        {
            // t^2 mod 2n keeps the angle exact for long signals (t^2 itself is ~1e11 for 8 s clips).
            long square = (long)t * t % (2L * length);
            double angle = Math.PI * square / length;
            _chirpRe[t] = Math.Cos(angle);
            _chirpIm[t] = -Math.Sin(angle);
            _kernelRe[t] = _chirpRe[t];
            _kernelIm[t] = -_chirpIm[t];
            if (t > 0)
            {
                _kernelRe[m - t] = _kernelRe[t];
                _kernelIm[m - t] = _kernelIm[t];
            }
        }

        _fft.Forward(_kernelRe, _kernelIm);
    }

    /// <summary>The number of points.</summary>
    public int Length { get; }

    /// <summary>Forward transform of (real, imag), each <see cref="Length"/> long, in place.</summary>
    public void Forward(double[] real, double[] imag)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(imag);
        int n = Length;
        if (real.Length != n || imag.Length != n)
        {
            throw new ArgumentException($"this transform is {n} long; real has {real.Length} values and imag {imag.Length}", nameof(real));
        }

        if (_direct)
        {
            _fft.Forward(real, imag);
            return;
        }

        int m = _fft.Size;
        var ar = new double[m];
        var ai = new double[m];
        for (int t = 0; t < n; t++)
        {
            ar[t] = (real[t] * _chirpRe[t]) - (imag[t] * _chirpIm[t]);
            ai[t] = (real[t] * _chirpIm[t]) + (imag[t] * _chirpRe[t]);
        }

        _fft.Forward(ar, ai);
        for (int k = 0; k < m; k++)
        {
            double re = (ar[k] * _kernelRe[k]) - (ai[k] * _kernelIm[k]);
            double im = (ar[k] * _kernelIm[k]) + (ai[k] * _kernelRe[k]);
            ar[k] = re;
            ai[k] = im;
        }

        _fft.Inverse(ar, ai);
        for (int k = 0; k < n; k++)
        {
            real[k] = (ar[k] * _chirpRe[k]) - (ai[k] * _chirpIm[k]);
            imag[k] = (ar[k] * _chirpIm[k]) + (ai[k] * _chirpRe[k]);
        }
    }

    /// <summary>|X[k]|^2 for k = 0..n/2 of a real signal of <see cref="Length"/> samples: numpy's |rfft(x)|^2.</summary>
    public double[] PowerSpectrum(ReadOnlySpan<double> signal)
    {
        if (signal.Length != Length)
        {
            throw new ArgumentException($"this transform is {Length} long, the signal {signal.Length}", nameof(signal));
        }

        var real = signal.ToArray();
        var imag = new double[Length];
        Forward(real, imag);
        var power = new double[(Length / 2) + 1];
        for (int k = 0; k < power.Length; k++)
        {
            power[k] = (real[k] * real[k]) + (imag[k] * imag[k]);
        }

        return power;
    }
}
