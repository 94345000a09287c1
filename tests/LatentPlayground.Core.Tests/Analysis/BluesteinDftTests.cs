using LatentPlayground.Core.Analysis;

namespace LatentPlayground.Core.Tests.Analysis;

public class BluesteinDftTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(12)]
    [InlineData(37)]
    [InlineData(100)]
    [InlineData(64)] // a power of two goes straight to the FFT
    public void Matches_a_naive_DFT_of_the_same_length(int n)
    {
        var rng = new Random(n);
        double[] real = [.. Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5)];
        double[] imag = [.. Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5)];
        var expectedReal = new double[n];
        var expectedImag = new double[n];
        for (int k = 0; k < n; k++)
        {
            for (int t = 0; t < n; t++)
            {
                double angle = -2 * Math.PI * k * t / n;
                expectedReal[k] += (real[t] * Math.Cos(angle)) - (imag[t] * Math.Sin(angle));
                expectedImag[k] += (real[t] * Math.Sin(angle)) + (imag[t] * Math.Cos(angle));
            }
        }

        new BluesteinDft(n).Forward(real, imag);

        for (int k = 0; k < n; k++)
        {
            Assert.Equal(expectedReal[k], real[k], 1e-10);
            Assert.Equal(expectedImag[k], imag[k], 1e-10);
        }
    }

    [Fact]
    public void A_long_odd_length_puts_an_on_grid_tone_in_its_own_bin()
    {
        // 8 s at 48 kHz is 384000 = 2^10 * 375 points: a tone at exactly bin 3000 (375 Hz) must land there
        // and nowhere else, which a zero-padded transform would not do.
        const int n = 384000;
        const double n2 = (double)n * n;
        double[] x = [.. Enumerable.Range(0, n).Select(t => Math.Cos(2 * Math.PI * 3000.0 * t / n))];

        double[] power = new BluesteinDft(n).PowerSpectrum(x);

        Assert.Equal((n / 2) + 1, power.Length);
        Assert.Equal(n2 / 4, power[3000], n2 * 1e-9);
        double rest = power.Sum() - power[3000];
        Assert.True(rest < n2 * 1e-12, $"energy off the line {rest}");
    }

    [Fact]
    public void Buffers_of_another_length_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new BluesteinDft(10).Forward(new double[8], new double[8]));
        Assert.Throws<ArgumentException>(() => new BluesteinDft(10).PowerSpectrum(new double[9]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BluesteinDft(0));
    }
}
