using LatentPlayground.Core.Engine;

namespace LatentPlayground.Core.Tests.Engine;

/// <summary>
/// The engine at the hops and rates imported RAVE models bring (hop 512 to 4096, 44.1 or 48 kHz, any
/// latent size): the output keeps the input's length, the wet path comes out exactly the reported latency
/// later, the live engine computes what render computes, and the snapshot says which of the display's
/// eight dimensions the model has.
/// </summary>
public class HopAndRateTests
{
    [Theory]
    [InlineData(512, 44100, 1, 0)]
    [InlineData(512, 48000, 128, 0)]
    [InlineData(1024, 44100, 8, 300)]
    [InlineData(4096, 44100, 16, 0)]
    [InlineData(4096, 48000, 4, 1500)]
    public void An_impulse_comes_out_of_the_wet_path_exactly_the_reported_latency_later(int hop, int sampleRate, int latentSize, int codecLatency)
    {
        var engine = EngineHarness.Create(new IdentityCodec(hop, codecLatency, sampleRate, latentSize), 1, "limiter=off", "offset.1=1");

        // The limiter's look-ahead is a time (1.33 ms), so it is fewer samples at 44.1 kHz: 59, not 64.
        int lookahead = (int)Math.Round(SampleStage.LimiterLookaheadSeconds * sampleRate);
        Assert.Equal(sampleRate == 44100 ? 59 : 64, lookahead);
        Assert.Equal(hop + codecLatency + lookahead, engine.LatencySamples);

        int at = (3 * hop) + 123;
        float[] input = EngineHarness.Impulse(at + engine.LatencySamples + (2 * hop), at);
        float[] output = EngineHarness.Run(engine, input, 100, 4096, 7);
        Assert.Equal(input.Length, output.Length);
        Assert.Equal(at + engine.LatencySamples, EngineHarness.PeakIndex(output));
        Assert.Equal(0.5f, output[at + engine.LatencySamples]);
    }

    [Theory]
    [InlineData(512, 44100, 1, 0)]
    [InlineData(4096, 44100, 128, 700)]
    [InlineData(4096, 48000, 16, 0)]
    public void Aligned_dry_lines_up_with_the_wet_path(int hop, int sampleRate, int latentSize, int codecLatency)
    {
        var engine = EngineHarness.Create(new IdentityCodec(hop, codecLatency, sampleRate, latentSize), 1, "drywet=0", "align=on");
        float[] output = EngineHarness.Run(engine, EngineHarness.Impulse(6 * hop, 777));
        Assert.Equal(777 + engine.LatencySamples, EngineHarness.PeakIndex(output));
        Assert.Equal(0.5f, output[777 + engine.LatencySamples]);
    }

    [Theory]
    [InlineData(512, 44100, 16, 128, 1200)]
    [InlineData(4096, 44100, 128, 256, 1500)]
    [InlineData(4096, 48000, 1, 64, 1100)]
    [InlineData(1024, 48000, 4, 128, 1200)]
    public void Live_output_equals_the_offline_render_shifted_by_the_budget(int hop, int sampleRate, int latentSize, int period, int budget)
    {
        string[] settings = ["drywet=70", "offset.1=2", "offset.2=-1", "basis=fractal", "speed=700", "rate=16"];
        float[] input = Noise(2 * 30000, 3);
        float[] offline = EngineHarness.Run(EngineHarness.Create(new ToneCodec(hop, sampleRate, latentSize), 2, settings), input, 333);
        var live = LiveHarness.Create(new ToneCodec(hop, sampleRate, latentSize), 2, period, budget, settings);
        float[] output = LiveHarness.Run(live, input, period);

        Assert.Equal(EngineHarness.Create(new ToneCodec(hop, sampleRate, latentSize), 2).LatencySamples + budget, live.LatencySamples);
        for (int t = 0; t + budget < 30000; t++)
        {
            for (int c = 0; c < 2; c++)
            {
                Assert.Equal(offline[(2 * t) + c], output[(2 * (t + budget)) + c]);
            }
        }

        Assert.Equal(0, live.LateHops);
    }

    [Fact]
    public void The_snapshot_of_a_short_latent_marks_the_missing_dimensions_from_the_start()
    {
        var live = LiveHarness.Create(new ToneCodec(1024, 44100, 4), 1, 128, 1200, "encode=off", "mod=off", "offset.2=1.5", "offset.6=2");
        EngineSnapshot before = live.ReadSnapshot();
        Assert.Equal(0, before.Hops);
        Assert.Equal(4, before.LatentSize);

        LiveHarness.Run(live, new float[44100], 128);
        EngineSnapshot s = live.ReadSnapshot();
        Assert.Equal(44100 / 1024, s.Hops);
        Assert.Equal(4, s.LatentSize);
        Assert.True(s.HasDimension(3));
        Assert.False(s.HasDimension(4));
        Assert.Equal(1.5f, s.Latent[1], 2);
        Assert.Equal(0f, s.Latent[5]);
    }

    [Fact]
    public void The_snapshot_of_a_wide_latent_holds_its_first_eight_dimensions()
    {
        var live = LiveHarness.Create(new ToneCodec(512, 48000, 128), 1, 128, 1200, "encode=off", "mod=off", "offset.8=-2");
        LiveHarness.Run(live, new float[48000], 128);
        EngineSnapshot s = live.ReadSnapshot();
        Assert.Equal(128, s.LatentSize);
        Assert.True(s.HasDimension(7));
        Assert.Equal(-2f, s.Latent[7], 2);
    }

    [Fact]
    public void A_default_snapshot_counts_all_eight_dimensions_as_present()
    {
        EngineSnapshot s = default;
        Assert.All(Enumerable.Range(0, 8), d => Assert.True(s.HasDimension(d)));
    }

    private static float[] Noise(int length, int seed)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => (float)((rng.NextDouble() - 0.5) * 0.8))];
    }
}
