using LatentPlayground.Core.Analysis;

namespace LatentPlayground.Core.Tests.Analysis;

public class FftTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(64)]
    public void Matches_a_naive_DFT_on_random_complex_input(int n)
    {
        var rng = new Random(n);
        double[] real = [.. Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5)];
        double[] imag = [.. Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5)];
        var (expectedReal, expectedImag) = NaiveDft(real, imag);

        new Fft(n).Forward(real, imag);

        for (int k = 0; k < n; k++)
        {
            Assert.Equal(expectedReal[k], real[k], 1e-12);
            Assert.Equal(expectedImag[k], imag[k], 1e-12);
        }
    }

    [Fact]
    public void The_inverse_undoes_the_forward_transform()
    {
        var rng = new Random(5);
        double[] original = [.. Enumerable.Range(0, 1024).Select(_ => rng.NextDouble() - 0.5)];
        double[] real = [.. original];
        var imag = new double[1024];

        var fft = new Fft(1024);
        fft.Forward(real, imag);
        fft.Inverse(real, imag);

        for (int i = 0; i < original.Length; i++)
        {
            Assert.Equal(original[i], real[i], 1e-12);
            Assert.Equal(0.0, imag[i], 1e-12);
        }
    }

    [Fact]
    public void The_power_spectrum_of_a_zero_padded_real_signal_is_the_DFT_of_the_padded_signal()
    {
        var rng = new Random(9);
        double[] signal = [.. Enumerable.Range(0, 37).Select(_ => rng.NextDouble() - 0.5)];
        double[] padded = [.. signal, .. new double[64 - 37]];
        var (re, im) = NaiveDft(padded, new double[64]);

        double[] power = Fft.PowerSpectrum(signal, 64);

        Assert.Equal(33, power.Length);
        for (int k = 0; k < power.Length; k++)
        {
            Assert.Equal((re[k] * re[k]) + (im[k] * im[k]), power[k], 1e-11);
        }
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(384000, 524288)]
    public void Next_power_of_two(int n, int expected) => Assert.Equal(expected, Fft.NextPowerOfTwo(n));

    [Fact]
    public void A_size_that_is_not_a_power_of_two_and_buffers_of_another_size_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new Fft(12));
        Assert.Throws<ArgumentException>(() => new Fft(0));
        Assert.Throws<ArgumentException>(() => new Fft(8).Forward(new double[8], new double[4]));
        Assert.Throws<ArgumentException>(() => new Fft(8).Inverse(new double[16], new double[16]));
    }

    [Fact]
    public void A_long_transform_keeps_its_accuracy()
    {
        // A unit line at bin 12345 of 2^19: every other bin stays at rounding level, over 180 dB down.
        const int n = 1 << 19;
        var real = new double[n];
        var imag = new double[n];
        for (int t = 0; t < n; t++)
        {
            double angle = 2 * Math.PI * 12345.0 * t / n;
            real[t] = Math.Cos(angle);
            imag[t] = Math.Sin(angle);
        }

        new Fft(n).Forward(real, imag);

        Assert.Equal(n, real[12345], 1e-6);
        double leak = 0;
        for (int k = 0; k < n; k++)
        {
            if (k != 12345)
            {
                leak = Math.Max(leak, Math.Sqrt((real[k] * real[k]) + (imag[k] * imag[k])));
            }
        }

        Assert.True(leak < 1e-9 * n, $"largest other bin {leak}");
    }

    private static (double[] Real, double[] Imag) NaiveDft(double[] real, double[] imag)
    {
        int n = real.Length;
        var outReal = new double[n];
        var outImag = new double[n];
        for (int k = 0; k < n; k++)
        {
            for (int t = 0; t < n; t++)
            {
                double angle = -2 * Math.PI * k * t / n;
                outReal[k] += (real[t] * Math.Cos(angle)) - (imag[t] * Math.Sin(angle));
                outImag[k] += (real[t] * Math.Sin(angle)) + (imag[t] * Math.Cos(angle));
            }
        }

        return (outReal, outImag);
    }
}
