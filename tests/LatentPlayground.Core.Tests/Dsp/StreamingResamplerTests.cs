using LatentPlayground.Core.Dsp;

namespace LatentPlayground.Core.Tests.Dsp;

public sealed class StreamingResamplerTests
{
    [Theory]
    [InlineData(48000, 44100)]
    [InlineData(44100, 48000)]
    public void A_passband_tone_keeps_its_level_and_frequency(int from, int to)
    {
        var r = new StreamingResampler(from, to);
        float[] input = Tone(1000, from, from * 2);
        float[] output = Run(r, input, 256);
        // Skip the filter's start; compare against the ideal tone at the output rate, delayed by the latency.
        double delay = r.LatencyInputSamples / from;
        double err = 0, peak = 0;
        for (int i = to / 10; i < output.Length - (to / 10); i++)
        {
            double expected = 0.5 * Math.Sin(2 * Math.PI * 1000 * ((double)i / to - delay));
            err = Math.Max(err, Math.Abs(output[i] - expected));
            peak = Math.Max(peak, Math.Abs(output[i]));
        }

        Assert.InRange(peak, 0.497, 0.503);
        Assert.True(err < 2e-3, $"max error {err:e2} against the ideal delayed tone");
    }

    [Fact]
    public void A_tone_above_the_lower_Nyquist_is_removed_when_going_down()
    {
        var r = new StreamingResampler(48000, 44100);
        float[] output = Run(r, Tone(23000, 48000, 48000), 128);
        double peak = output.Skip(4410).Take(output.Length - 8820).Max(v => Math.Abs(v));
        Assert.True(peak < 0.5 * Math.Pow(10, -60 / 20.0), $"alias at {20 * Math.Log10(peak / 0.5):0.0} dB");
    }

    [Fact]
    public void Any_block_cutting_gives_the_same_output_and_the_exact_count()
    {
        float[] input = Tone(440, 48000, 48000 * 3);
        float[] whole = Run(new StreamingResampler(48000, 44100), input, input.Length);
        float[] blocks = Run(new StreamingResampler(48000, 44100), input, 128);
        float[] odd = Run(new StreamingResampler(48000, 44100), input, 97);
        Assert.Equal(44100 * 3, whole.Length);
        Assert.Equal(whole, blocks);
        Assert.Equal(whole, odd);
    }

    [Fact]
    public void An_impulse_comes_out_after_the_reported_latency()
    {
        var r = new StreamingResampler(44100, 44100 * 160 / 147);
        var input = new float[4000];
        input[1000] = 1;
        float[] output = Run(r, input, 64);
        int peak = Array.IndexOf(output, output.Max());
        double expected = (1000 + r.LatencyInputSamples) * r.ToRate / (double)r.FromRate;
        Assert.InRange(peak, expected - 1, expected + 1);
    }

    [Fact]
    public void Processing_allocates_nothing()
    {
        var r = new StreamingResampler(44100, 48000);
        float[] input = Tone(440, 44100, 128);
        var output = new float[r.MaxOutput(input.Length)];
        // Past tiered compilation's call counting first: the runtime may allocate on this thread while it promotes the method.
        for (int i = 0; i < 500; i++)
        {
            r.Process(input, output);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            r.Process(input, output);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static float[] Run(StreamingResampler r, float[] input, int block)
    {
        var result = new List<float>();
        var buffer = new float[r.MaxOutput(block)];
        for (int i = 0; i < input.Length; i += block)
        {
            int n = r.Process(input.AsSpan(i, Math.Min(block, input.Length - i)), buffer);
            result.AddRange(buffer.AsSpan(0, n).ToArray());
        }

        return [.. result];
    }

    private static float[] Tone(double hz, int rate, int length)
    {
        var x = new float[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = (float)(0.5 * Math.Sin(2 * Math.PI * hz * i / rate));
        }

        return x;
    }
}
