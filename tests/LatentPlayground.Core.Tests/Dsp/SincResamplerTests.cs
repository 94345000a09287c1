using LatentPlayground.Core.Dsp;

namespace LatentPlayground.Core.Tests.Dsp;

public class SincResamplerTests
{
    private static float[] Sine(double frequency, int rate, int length, double amplitude = 0.5) =>
        Enumerable.Range(0, length).Select(t => (float)(amplitude * Math.Sin(2 * Math.PI * frequency * t / rate))).ToArray();

    [Theory]
    [InlineData(44100, 48000, 1000.0)]
    [InlineData(48000, 44100, 1000.0)]
    [InlineData(96000, 48000, 5000.0)]
    [InlineData(22050, 48000, 8000.0)]
    [InlineData(44100, 48000, 19000.0)]
    public void A_tone_keeps_its_pitch_and_level_with_error_below_minus_80_dB(int from, int to, double frequency)
    {
        float[] input = Sine(frequency, from, from);
        float[] output = SincResampler.Resample(input, from, to);
        Assert.Equal(to, output.Length);

        // Compare away from the edges, where the kernel sees the signal's start and end.
        float[] ideal = Sine(frequency, to, to);
        double error = 0;
        double signal = 0;
        for (int t = to / 10; t < to * 9 / 10; t++)
        {
            error += (output[t] - ideal[t]) * (output[t] - ideal[t]);
            signal += ideal[t] * ideal[t];
        }

        double snr = 10 * Math.Log10(signal / error);
        Assert.True(snr > 80, $"{from}->{to} at {frequency} Hz: SNR {snr:F1} dB");
    }

    [Fact]
    public void Content_above_the_new_nyquist_is_removed_not_aliased()
    {
        // 23 kHz fits at 48 kHz but not at 44.1 kHz: it must vanish, not fold down to 21.1 kHz.
        float[] output = SincResampler.Resample(Sine(23000, 48000, 48000), 48000, 44100);
        double rms = Math.Sqrt(output.Skip(4410).Take(35280).Average(v => (double)v * v));
        Assert.True(20 * Math.Log10(rms / (0.5 / Math.Sqrt(2))) < -80, $"alias at {20 * Math.Log10(rms / 0.354):F1} dB");
    }

    [Fact]
    public void The_same_rate_is_an_exact_copy() =>
        Assert.Equal(new float[] { 1, -2, 3 }, SincResampler.Resample(new float[] { 1, -2, 3 }, 48000, 48000));
}
