using LatentPlayground.Core.Dsp;

namespace LatentPlayground.Core.Tests.Dsp;

/// <summary>A card at one rate, an engine at another: the round trip is a fixed, reported delay and nothing else.</summary>
public sealed class RateBridgeTests
{
    [Theory]
    [InlineData(44100, 48000, 128, 1)]
    [InlineData(48000, 44100, 128, 2)]
    [InlineData(44100, 48000, 97, 1)]
    [InlineData(96000, 48000, 256, 1)]
    public void A_tone_comes_back_delayed_by_the_reported_latency_and_never_runs_dry(int cardRate, int modelRate, int period, int channels)
    {
        var bridge = new RateBridge(cardRate, modelRate, channels, period);
        int seconds = 5;
        float[] input = Tone(997, cardRate, cardRate * seconds, channels);
        float[] output = RunThrough(bridge, input, period, channels, maxModelFrames: out int longest);

        Assert.Equal(0, bridge.Underruns);
        Assert.InRange(longest, 1, bridge.MaxModelFrames);
        // Past the filters' start, every channel is the input tone delayed by the latency, to within
        // the filters' ripple (well under a thousandth).
        double err = 0;
        int played = input.Length / channels / period * period;
        for (int i = cardRate / 10; i < played; i++)
        {
            for (int c = 0; c < channels; c++)
            {
                double expected = Sample(997, cardRate, i - bridge.LatencyCardSamples, c);
                err = Math.Max(err, Math.Abs(output[(i * channels) + c] - expected));
            }
        }

        // A whole-sample rounding of the latency leaves at most half a sample of delay: 2π·997/44100·0.5·0.5.
        Assert.True(err < 0.04, $"max error {err:e2} against the tone delayed by {bridge.LatencyCardSamples}");
    }

    [Theory]
    [InlineData(44100, 48000, 128)]
    [InlineData(48000, 44100, 64)]
    public void A_click_lands_at_the_reported_latency(int cardRate, int modelRate, int period)
    {
        var bridge = new RateBridge(cardRate, modelRate, 1, period);
        var input = new float[cardRate];
        input[5000] = 1;
        float[] output = RunThrough(bridge, input, period, 1, out _);
        int peak = Array.IndexOf(output, output.Max());
        Assert.InRange(peak - 5000, bridge.LatencyCardSamples - 1, bridge.LatencyCardSamples + 1);
    }

    [Fact]
    public void The_round_trip_adds_about_a_millisecond()
    {
        var bridge = new RateBridge(44100, 48000, 2, 128);
        // 24 zero crossings each way at 0.9 × 22.05 kHz: about 0.6 ms per filter, plus a few frames of FIFO.
        Assert.InRange(bridge.LatencyCardSamples, 40, 80);
        // 128 × 160/147 = 139.3 frames on average; the engine is sized for the longest.
        Assert.InRange(bridge.MaxModelFrames, 140, 141);
    }

    [Fact]
    public void Rates_without_a_small_ratio_are_refused()
    {
        Assert.False(RateBridge.Supports(44100, 47999));
        Assert.True(RateBridge.Supports(44100, 48000));
        Assert.Throws<ArgumentException>(() => new RateBridge(44100, 47999, 1, 128));
    }

    [Fact]
    public void Bridging_allocates_nothing()
    {
        var bridge = new RateBridge(44100, 48000, 2, 128);
        float[] card = Tone(440, 44100, 128, 2);
        var model = new float[bridge.MaxModelFrames * 2];
        var back = new float[128 * 2];
        int n = 0;
        for (int i = 0; i < 500; i++) // past tiered compilation's call counting, which may allocate on this thread
        {
            n = bridge.ToModel(card, 128, model);
            bridge.FromModel(model, n, back, 128);
        }

        // Bytes this thread allocated: GC counts are process-wide, and other tests run alongside.
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 2000; i++)
        {
            n = bridge.ToModel(card, 128, model);
            bridge.FromModel(model, n, back, 128);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    // The engine in the middle is the identity: what goes to the model comes straight back.
    private static float[] RunThrough(RateBridge bridge, float[] input, int period, int channels, out int maxModelFrames)
    {
        var output = new float[input.Length];
        var model = new float[bridge.MaxModelFrames * channels];
        maxModelFrames = 0;
        for (int start = 0; start + (period * channels) <= input.Length; start += period * channels)
        {
            int n = bridge.ToModel(input.AsSpan(start, period * channels), period, model);
            maxModelFrames = Math.Max(maxModelFrames, n);
            bridge.FromModel(model, n, output.AsSpan(start, period * channels), period);
        }

        return output;
    }

    private static float[] Tone(double hz, int rate, int frames, int channels)
    {
        var x = new float[frames * channels];
        for (int i = 0; i < frames; i++)
        {
            for (int c = 0; c < channels; c++)
            {
                x[(i * channels) + c] = (float)Sample(hz, rate, i, c);
            }
        }

        return x;
    }

    // Channels differ in phase, so a channel mix-up shows.
    private static double Sample(double hz, int rate, int i, int channel) => 0.5 * Math.Sin((2 * Math.PI * hz * i / rate) + channel);
}
