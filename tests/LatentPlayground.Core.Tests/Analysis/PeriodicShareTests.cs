using LatentPlayground.Core.Analysis;

namespace LatentPlayground.Core.Tests.Analysis;

public class PeriodicShareTests
{
    private const int Rate = TestSignals.Rate;
    private const int Hop = 2048;

    [Theory]
    [InlineData(8 * Rate)] // 384000 samples, padded to 524288
    [InlineData(524288)] // already a power of two
    [InlineData(10 * Rate)]
    public void A_pure_buzz_at_375_Hz_reads_all_its_energy_on_the_comb_of_period_128(int length)
    {
        float[] buzz = TestSignals.Square(128, length);

        PeriodicShareResult result = PeriodicShare.Measure(buzz, Rate, Hop);

        Assert.Equal([16, 32, 64, 128, 256, 512, 1024, 2048], result.Combs.Select(c => c.Period));
        PeriodicComb p128 = result.Combs.Single(c => c.Period == 128);
        Assert.Equal(375.0, p128.FundamentalHz);
        Assert.Equal(64, p128.Harmonics);
        Assert.True(p128.Share >= 0.98, $"share at P=128 is {p128.Share:P2}");
        Assert.True(result.Max >= 0.98);

        // 375 Hz's harmonics are also every other harmonic of 187.5 Hz; a square wave has only odd
        // harmonics, so the comb of 750 Hz (P=64) holds next to nothing.
        Assert.True(result.Combs.Single(c => c.Period == 256).Share >= 0.98);
        Assert.True(result.Combs.Single(c => c.Period == 64).Share < 0.01);
    }

    [Fact]
    public void Plucked_strings_read_within_one_point_of_chance_at_every_period()
    {
        // E2 A2 D3 G3 B3 E4 and a few frets: no note's period divides the hop.
        float[] plucks = TestSignals.Plucks([82.41, 110.0, 146.83, 196.0, 246.94, 329.63, 123.47, 261.63], 0.5, 8 * Rate);

        PeriodicShareResult result = PeriodicShare.Measure(plucks, Rate, Hop);

        foreach (PeriodicComb c in result.Combs)
        {
            Assert.True(Math.Abs(c.Share - c.Chance) <= 0.01, $"P={c.Period}: share {c.Share:P2}, chance {c.Chance:P2}");
        }
    }

    [Fact]
    public void The_chance_level_is_the_combs_share_of_the_signals_own_bins()
    {
        PeriodicShareResult result = PeriodicShare.Measure(TestSignals.Plucks([110.0], 1, 8 * Rate), Rate, Hop);

        // numpy's grid: the n-point DFT of the 8 s clip, not a zero-padded one; bins every 0.125 Hz.
        Assert.Equal(8 * Rate, result.TransformLength);
        Assert.Equal(0.125, result.ResolutionHz, 12);
        foreach (PeriodicComb c in result.Combs)
        {
            // Each line's band runs from the first bin at or above h - 0.25 Hz to the first at or above
            // h + 0.25 Hz inclusive: 5 bins when the harmonics fall on the grid, as here; the last
            // harmonic, at Nyquist, keeps the 3 bins up to it.
            double expected = ((c.Harmonics - 1) * 5 + 3) / (8.0 * Rate / 2);
            Assert.Equal(expected, c.Chance, 1e-12);
        }

        // 128 lines of 0.625 Hz over 24 kHz: the 0.33 % the issue quotes for P=256.
        Assert.Equal(0.0033, result.Combs.Single(c => c.Period == 256).Chance, 4);
    }

    [Fact]
    public void Only_power_of_two_divisors_of_the_hop_from_16_up_are_measured()
    {
        float[] x = TestSignals.Square(128, 48000);

        Assert.Equal([16, 32, 64], PeriodicShare.Measure(x, Rate, 64).Combs.Select(c => c.Period));
        Assert.Equal([16, 32, 64, 128, 256, 512], PeriodicShare.Measure(x, Rate, 1536).Combs.Select(c => c.Period));
        Assert.Empty(PeriodicShare.Measure(x, Rate, 1000).Combs);
        Assert.Equal(0.0, PeriodicShare.Measure(x, Rate, 1000).Max);
    }

    [Fact]
    public void Silence_reads_zero()
    {
        PeriodicShareResult result = PeriodicShare.Measure(new float[Rate], Rate, Hop);

        Assert.All(result.Combs, c => Assert.Equal(0.0, c.Share));
    }
}
