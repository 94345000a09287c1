using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Core.Tests.Engine;

public class LiveEngineTests
{
    private static float[] Noise(int length, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)((rng.NextDouble() - 0.5) * 0.8)).ToArray();
    }

    [Theory]
    [InlineData(64, 1100)]
    [InlineData(128, 1200)]
    [InlineData(256, 1500)]
    public void Live_output_equals_the_offline_render_shifted_by_the_budget(int period, int budget)
    {
        string[] settings = ["drywet=70", "offset.1=2", "basis=fractal", "speed=700", "rate=16"];
        float[] input = Noise(2 * 40000, 3);
        float[] offline = EngineHarness.Run(EngineHarness.Create(new ToneCodec(512), 2, settings), input, 333);
        var live = LiveHarness.Create(new ToneCodec(512), 2, period, budget, settings);
        float[] output = LiveHarness.Run(live, input, period);

        Assert.Equal(EngineHarness.Create(new ToneCodec(512), 2).LatencySamples + budget, live.LatencySamples);
        for (int t = 0; t + budget < 40000; t++)
        {
            for (int c = 0; c < 2; c++)
            {
                Assert.Equal(offline[(2 * t) + c], output[(2 * (t + budget)) + c]);
            }
        }

        Assert.Equal(0, live.LateHops);
    }

    [Fact]
    public void Late_hops_fade_to_the_aligned_dry_and_back_without_a_jump_and_are_counted()
    {
        const int period = 128;
        const int budget = 2048;
        string[] settings = ["offset.1=2.5", "offset.2=1", "mod=off", "encode=off"];

        // A smooth input: its own steps are small, so any jump from the fade would stand out.
        float[] input = Enumerable.Range(0, 96000).Select(t => (float)(0.5 * Math.Sin(2 * Math.PI * 110 * t / 48000.0))).ToArray();
        var live = LiveHarness.Create(new ToneCodec(512), 1, period, budget, settings);

        // The inference thread stalls for random stretches of up to 20 periods, far past its budget.
        var rng = new Random(11);
        int stalledUntil = -1;
        float[] output = LiveHarness.Run(live, input, period, k =>
        {
            if (k > stalledUntil && k < 600 && rng.NextDouble() < 0.02)
            {
                stalledUntil = k + rng.Next(5, 20);
            }

            return k <= stalledUntil;
        });

        Assert.True(live.LateHops > 3, $"only {live.LateHops} late events: the stalls did not bite");
        float[] wetAlone = LiveHarness.Run(LiveHarness.Create(new ToneCodec(512), 1, period, budget, settings), input, period);
        // Pure tones hit their steepest slope every cycle, so a fade can land on it and add a hair
        // (a linear mix of two signals can step by their steeper slope plus the fade's own rate times
        // their difference). Half a percent allows that; a click (a gap or a cut) is several times over.
        double limit = 1.005 * Math.Max(EngineHarness.MaxStep(input), EngineHarness.MaxStep(wetAlone));
        Assert.True(EngineHarness.MaxStep(output) <= limit, $"output jumps by {EngineHarness.MaxStep(output)}, dry and wet alone by at most {limit}");

        // After the last stall, the wet signal is back, sample for sample.
        Assert.Equal(wetAlone[^2000..], output[^2000..]);
    }

    [Fact]
    public void A_thread_that_falls_far_behind_skips_ahead_and_keeps_the_stream_aligned()
    {
        const int period = 256;
        var live = LiveHarness.Create(new IdentityCodec(512), 1, period, 1300, "drywet=100", "limiter=off");
        float[] input = Noise(48000 * 3, 5);
        float[] output = LiveHarness.Run(live, input, period, k => k is > 50 and < 150);
        EngineSnapshot s = live.ReadSnapshot();
        Assert.True(s.SkippedHops > 0);

        // Identity model: once back, the output is the input, exactly the reported latency later.
        int latency = live.LatencySamples;
        for (int t = output.Length - 5000; t < output.Length; t++)
        {
            Assert.Equal(input[t - latency], output[t]);
        }
    }

    [Fact]
    public void The_snapshot_carries_counters_and_the_latest_latent()
    {
        var live = LiveHarness.Create(new ToneCodec(512), 1, 128, 1200, "encode=off", "mod=off", "offset.3=1.5");
        LiveHarness.Run(live, new float[48000], 128);
        EngineSnapshot s = live.ReadSnapshot();
        Assert.Equal(48000 / 512, s.Hops);
        Assert.Equal(1.5f, s.Latent[2], 2);
        Assert.True(s.WorstHopMicroseconds > 0);
    }
}

[Collection(AllocationCollection.Name)]
public class LiveEngineAllocationTests
{
    [Fact]
    public void Neither_thread_allocates_in_steady_state()
    {
        var live = new LiveEngine(new ToneCodec(2048), 2, 128, 1200);
        live.ApplyPendingImmediately();
        var input = new float[256];
        var output = new float[256];
        for (int i = 0; i < 200; i++)
        {
            live.ProcessPeriod(input, output, 128);
            while (live.TryProcessHop())
            {
            }
        }

        long audioBytes = 0;
        long hopBytes = 0;

        // Start with an empty young generation: garbage left by earlier tests (the fuzz tests make plenty)
        // must not make a collection fall inside the measured stretch.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        int collections = GC.CollectionCount(0);
        for (int i = 0; i < 5000; i++)
        {
            if (i % 500 == 0)
            {
                live.Post(new ParameterChange(ParameterId.DryWet, i % 1000 == 0 ? 40 : 90));
                _ = live.ReadSnapshot();
            }

            long a = GC.GetAllocatedBytesForCurrentThread();
            live.ProcessPeriod(input, output, 128);
            long b = GC.GetAllocatedBytesForCurrentThread();
            while (live.TryProcessHop())
            {
            }

            long c = GC.GetAllocatedBytesForCurrentThread();
            audioBytes += b - a;
            hopBytes += c - b;
        }

        Assert.Equal(0, audioBytes);
        Assert.Equal(0, hopBytes);
        Assert.Equal(collections, GC.CollectionCount(0));
    }
}
