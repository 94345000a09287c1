using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Core.Tests.Engine;

/// <summary>
/// A model swap on the live engine's two halves, run in one deterministic order (as <see cref="LiveHarness"/>):
/// from an engine of one hop and latency to one of another, the output never jumps, no hop counts as late, the
/// counters carry on, the transport carries on, and afterwards the output is exactly what the new engine makes of
/// the input from the swap on, at its own latency.
/// </summary>
public sealed class SwappableEngineTests
{
    private const int Period = 128;

    [Theory]
    [InlineData(512, 0, 0, 2048, 700, 128)]
    [InlineData(2048, 368, 128, 512, 0, 0)]
    [InlineData(1024, 25000, 256, 4096, 100, 512)]
    public void A_swap_to_another_hop_and_latency_fades_through_dry_and_lands_on_the_new_latency(int hopA, int latencyA, int budgetA, int hopB, int latencyB, int budgetB)
    {
        string[] settings = ["drywet=100", "limiter=off", "mod=off"];
        float[] input = [.. Enumerable.Range(0, 240000).Select(t => (float)(0.4 * Math.Sin(2 * Math.PI * 97 * t / 48000.0)))];
        LiveEngine a = LiveHarness.Create(new IdentityCodec(hopA, latencyA), 1, Period, budgetA, settings);
        LiveEngine b = LiveHarness.Create(new IdentityCodec(hopB, latencyB), 1, Period, budgetB, settings);
        b.HoldWet();
        var engines = new SwappableEngine(a);
        const int offerAt = 470 * Period;
        var output = new float[input.Length];
        LiveEngine? old = null;
        for (int f = 0; f < input.Length; f += Period)
        {
            if (f == offerAt)
            {
                Assert.True(engines.BeginSwap(b));
            }

            engines.ProcessPeriod(input.AsSpan(f, Period), output.AsSpan(f, Period), Period);
            while (engines.TryProcessHop())
            {
            }

            old ??= engines.TryFinishSwap();
        }

        Assert.Same(a, old);
        Assert.Same(b, engines.Current);
        Assert.False(engines.Swapping);
        Assert.Equal(b.LatencySamples, engines.LatencySamples);

        // The identity model makes wet = dry at each engine's latency: before, the input LA late; after, LB late.
        // In between the output fades through the two dry signals, never stepping more than they do.
        int start = offerAt + Period;
        for (int t = a.LatencySamples; t < offerAt; t++)
        {
            Assert.Equal(input[t - a.LatencySamples], output[t], 6);
        }

        int settledAt = start + b.LatencySamples + (4 * 960) + (2 * Period);
        for (int t = settledAt; t < input.Length; t++)
        {
            Assert.Equal(input[t - b.LatencySamples], output[t], 6);
        }

        // The crossfade between the two dry signals steps at most as they do, plus its own steepest rate (an S-curve
        // over 20 ms: 1.5 / 960 per sample) times their largest difference: no click, no jump.
        double peak = input.Max(Math.Abs);
        double limit = EngineHarness.MaxStep(input) + (1.5 / 960 * 2 * peak);
        Assert.True(EngineHarness.MaxStep(output.AsSpan(a.LatencySamples)) <= limit, $"output jumps by {EngineHarness.MaxStep(output.AsSpan(a.LatencySamples))}, more than {limit}");
        EngineSnapshot s = engines.ReadSnapshot();
        Assert.Equal(0, s.LateHops);
        Assert.Equal(0, s.SkippedHops);
        Assert.True(s.Hops >= ((offerAt / hopA) - 1) + ((input.Length - start) / hopB) - 1, $"{s.Hops} hops");
    }

    [Fact]
    public void The_new_engine_takes_the_transport_over_where_the_stream_stands()
    {
        const double bpm = 137;
        LiveEngine a = LiveHarness.Create(new ToneCodec(512), 1, Period, 128);
        LiveEngine b = LiveHarness.Create(new ToneCodec(2048), 1, Period, 0);
        b.HoldWet();
        a.Tempo.SetTempo(bpm);
        a.Tempo.Start();
        var engines = new SwappableEngine(a);
        var block = new float[Period];
        const int offerAt = 40 * Period;
        for (int f = 0; f < 200 * Period; f += Period)
        {
            if (f == offerAt)
            {
                engines.BeginSwap(b);
            }

            engines.ProcessPeriod(block, block, Period);
            while (engines.TryProcessHop())
            {
            }

            engines.TryFinishSwap();
        }

        // The swap starts with the period after the offer: b's hop k begins at stream frame start + k * 2048.
        long start = offerAt + Period;
        EngineSnapshot s = engines.ReadSnapshot();
        double expected = (start + ((b.ReadSnapshot().Hops - 1) * 2048.0)) * bpm / (60 * 48000.0);
        Assert.Equal(expected, s.Tempo.Beats, 9);
        Assert.True(s.Tempo.Running);
        Assert.Equal(bpm, s.Tempo.Bpm);
    }

    [Fact]
    public void Changes_posted_during_a_swap_reach_both_engines_and_one_swap_runs_at_a_time()
    {
        LiveEngine a = LiveHarness.Create(new ToneCodec(512), 1, Period, 128);
        LiveEngine b = LiveHarness.Create(new ToneCodec(1024), 1, Period, 128);
        LiveEngine c = LiveHarness.Create(new ToneCodec(1024), 1, Period, 128);
        b.HoldWet();
        var engines = new SwappableEngine(a);
        Assert.True(engines.BeginSwap(b));
        Assert.False(engines.BeginSwap(c));
        Assert.True(engines.Post(new ParameterChange(ParameterId.DryWet, 42)));
        var block = new float[Period];
        for (int i = 0; i < 20; i++)
        {
            engines.ProcessPeriod(block, block, Period);
            while (engines.TryProcessHop())
            {
            }
        }

        Assert.Equal(42, a.HopTarget(ParameterId.DryWet));
        Assert.Equal(42, b.HopTarget(ParameterId.DryWet));
        Assert.Same(a, engines.TryFinishSwap());
        Assert.Same(b, engines.Current);
        Assert.True(engines.BeginSwap(c));
    }

    [Fact]
    public void An_engine_for_another_rate_or_channel_count_is_refused()
    {
        var engines = new SwappableEngine(LiveHarness.Create(new ToneCodec(512), 1, Period, 128));
        Assert.Throws<ArgumentException>(() => engines.BeginSwap(LiveHarness.Create(new ToneCodec(512, 44100), 1, Period, 128)));
        Assert.Throws<ArgumentException>(() => engines.BeginSwap(LiveHarness.Create(new ToneCodec(512), 2, Period, 128)));
        Assert.False(engines.Swapping);
    }
}

[Collection(AllocationCollection.Name)]
public sealed class SwappableEngineAllocationTests
{
    [Fact]
    public void Neither_half_allocates_across_a_swap()
    {
        const int period = 128;
        var engines = new SwappableEngine(LiveHarness.Create(new ToneCodec(2048), 2, period, 128));
        LiveEngine next = LiveHarness.Create(new ToneCodec(512), 2, period, 0);
        next.HoldWet();
        var input = new float[2 * period];
        var output = new float[2 * period];

        // Warm: the swap's own code runs once on throwaway engines, as the driver compiles it ahead.
        var warm = new SwappableEngine(LiveHarness.Create(new ToneCodec(512), 2, period, 0));
        LiveEngine warmNext = LiveHarness.Create(new ToneCodec(512), 2, period, 0);
        warmNext.HoldWet();
        warm.BeginSwap(warmNext);
        for (int i = 0; i < 400; i++)
        {
            warm.ProcessPeriod(input, output, period);
            while (warm.TryProcessHop())
            {
            }

            engines.ProcessPeriod(input, output, period);
            while (engines.TryProcessHop())
            {
            }
        }

        Assert.NotNull(warm.TryFinishSwap());
        GC.Collect();
        GC.WaitForPendingFinalizers();
        int collections = GC.CollectionCount(0);
        long audioBytes = 0, hopBytes = 0;
        Assert.True(engines.BeginSwap(next));
        for (int i = 0; i < 3000; i++)
        {
            long x = GC.GetAllocatedBytesForCurrentThread();
            engines.ProcessPeriod(input, output, period);
            long y = GC.GetAllocatedBytesForCurrentThread();
            while (engines.TryProcessHop())
            {
            }

            long z = GC.GetAllocatedBytesForCurrentThread();
            audioBytes += y - x;
            hopBytes += z - y;
            if (i == 1000)
            {
                Assert.NotNull(engines.TryFinishSwap());
            }
        }

        Assert.Same(next, engines.Current);
        Assert.Equal(0, audioBytes);
        Assert.Equal(0, hopBytes);
        Assert.Equal(collections, GC.CollectionCount(0));
    }
}
