using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Core.Tests.Engine;

public class OfflineEngineTests
{
    [Theory]
    [InlineData(256, 0)]
    [InlineData(2048, 0)]
    [InlineData(512, 300)]
    public void An_impulse_comes_out_of_the_wet_path_exactly_the_reported_latency_later(int hop, int codecLatency)
    {
        var engine = EngineHarness.Create(new IdentityCodec(hop, codecLatency), 1, "limiter=off", "mod=off");
        Assert.Equal(hop + codecLatency + 64, engine.LatencySamples);
        float[] output = EngineHarness.Run(engine, EngineHarness.Impulse(20000, 1000), 100);
        Assert.Equal(1000 + engine.LatencySamples, EngineHarness.PeakIndex(output));
        Assert.Equal(0.5f, output[1000 + engine.LatencySamples]);
    }

    [Fact]
    public void Alignment_delays_the_dry_signal_by_the_reported_latency()
    {
        var aligned = EngineHarness.Create(new IdentityCodec(512, 100), 1, "drywet=0", "align=on");
        float[] a = EngineHarness.Run(aligned, EngineHarness.Impulse(10000, 777));
        Assert.Equal(777 + aligned.LatencySamples, EngineHarness.PeakIndex(a));
        Assert.Equal(0.5f, a[777 + aligned.LatencySamples]);

        var immediate = EngineHarness.Create(new IdentityCodec(512, 100), 1, "drywet=0", "align=off");
        float[] i = EngineHarness.Run(immediate, EngineHarness.Impulse(10000, 777));
        Assert.Equal(777, EngineHarness.PeakIndex(i));
    }

    [Fact]
    public void The_output_does_not_depend_on_how_the_audio_is_cut_into_blocks()
    {
        var rng = new Random(5);
        float[] input = Enumerable.Range(0, 2 * 30000).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        string[] settings = ["drywet=60", "offset.1=2", "basis=fractal", "speed=700"];

        float[] whole = EngineHarness.Run(EngineHarness.Create(new ToneCodec(), 2, settings), input, 30000);
        float[] small = EngineHarness.Run(EngineHarness.Create(new ToneCodec(), 2, settings), input, 64);
        float[] ragged = EngineHarness.Run(EngineHarness.Create(new ToneCodec(), 2, settings), input, 1, 511, 97, 2048, 3);

        Assert.Equal(whole, small);
        Assert.Equal(whole, ragged);
    }

    [Fact]
    public void Decode_off_gives_the_dry_signal()
    {
        var rng = new Random(9);
        float[] input = Enumerable.Range(0, 20000).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        var engine = EngineHarness.Create(new ToneCodec(), 1, "decode=off", "offset.1=3");
        float[] output = EngineHarness.Run(engine, input);
        int latency = engine.LatencySamples;
        for (int t = 0; t < input.Length - latency; t++)
        {
            Assert.Equal(input[t], output[t + latency], 6);
        }
    }

    [Fact]
    public void The_limiter_never_exceeds_its_ceiling_even_12_dB_over_and_never_clicks()
    {
        // A loud tone that starts abruptly: +12 dB over full scale, through an identity model.
        float[] input = new float[48000];
        for (int t = 12000; t < input.Length; t++)
        {
            input[t] = (float)(3.98 * Math.Sin(2 * Math.PI * 440 * t / 48000.0));
        }

        var engine = EngineHarness.Create(new IdentityCodec(2048), 1, "ceiling=-1", "limiter=on");
        float[] output = EngineHarness.Run(engine, input);
        double ceiling = Math.Pow(10, -1 / 20.0);
        Assert.All(output, v => Assert.True(Math.Abs(v) <= ceiling + 1e-7, $"{v} is over the ceiling {ceiling}"));

        // No click: the limited output never moves faster than the unlimited tone itself does.
        Assert.True(EngineHarness.MaxStep(output) <= EngineHarness.MaxStep(input));
        Assert.True(output.Max() > 0.85, "the limiter should hold the peaks near the ceiling, not crush them");
    }

    [Fact]
    public void Bypass_fades_instead_of_stepping()
    {
        // Wet and dry are very different (a tone against a DC offset), so a hard switch would jump.
        float[] input = Enumerable.Repeat(0.4f, 48000).ToArray();
        var engine = EngineHarness.Create(new ToneCodec(), 1, "offset.1=2.5", "mod=off", "encode=off");
        var output = new float[input.Length];
        engine.Process(input.AsSpan(0, 24000), output.AsSpan(0, 24000), 24000);
        engine.Post(new ParameterChange(ParameterId.Bypass, 1));
        engine.Process(input.AsSpan(24000), output.AsSpan(24000), 24000);

        double toneStep = EngineHarness.MaxStep(output.AsSpan(12000, 12000));
        Assert.True(EngineHarness.MaxStep(output.AsSpan(12000)) <= toneStep * 1.05 + 1e-3);
        Assert.Equal(0.4f, output[^1]);
    }

    [Fact]
    public void Encode_off_with_offsets_gives_a_steady_tone()
    {
        var codec = new ToneCodec();
        var engine = EngineHarness.Create(codec, 1, "encode=off", "mod=off", "offset.1=1.5", "offset.2=0");
        float[] output = EngineHarness.Run(engine, new float[48000]);

        // A steady 220 Hz sine at amplitude 0.5 once the glide has settled.
        double peak = output.AsSpan(24000).ToArray().Max();
        Assert.Equal(0.5, peak, 2);
        Assert.Equal(1.5f, codec.LastDecodedLatent[0], 3);
    }

    [Fact]
    public void Offsets_glide_over_a_few_hops_instead_of_jumping()
    {
        var codec = new ToneCodec(512);
        var engine = EngineHarness.Create(codec, 1, "encode=off", "mod=off");
        var seen = new List<float>();
        engine.LatentObserver = (_, z) => seen.Add(z[0]);
        EngineHarness.Run(engine, new float[5120]);
        engine.Post(new ParameterChange(ParameterId.Offset1, 3));
        EngineHarness.Run(engine, new float[512 * 40]);

        float[] after = seen.Skip(10).ToArray();
        Assert.True(after[0] > 0 && after[0] < 2, $"first hop after the change jumped to {after[0]}");
        Assert.True(after[^1] > 2.95, "the glide should arrive within 40 hops of 512 samples (0.4 s)");
        for (int i = 1; i < after.Length; i++)
        {
            Assert.True(after[i] >= after[i - 1]);
        }
    }

    [Fact]
    public void Trigger_posted_to_the_engine_restarts_the_modulators()
    {
        string[] settings = ["encode=off", "speed=800", "rate=20", "basis=simplex"];
        var first = new List<float>();
        var engine = EngineHarness.Create(new ToneCodec(512), 1, settings);
        engine.LatentObserver = (_, z) => first.Add(z[3]);
        EngineHarness.Run(engine, new float[512 * 10]);

        var again = new List<float>();
        engine.LatentObserver = (_, z) => again.Add(z[3]);
        EngineHarness.Run(engine, new float[512 * 7]);
        engine.Post(new ParameterChange(ParameterId.Trigger, 1));
        again.Clear();
        EngineHarness.Run(engine, new float[512 * 10]);

        Assert.Equal(first, again);
    }
}

[Collection(AllocationCollection.Name)]
public class OfflineEngineAllocationTests
{
    [Fact]
    public void Processing_allocates_nothing_in_steady_state()
    {
        var engine = EngineHarness.Create(new ToneCodec(2048), 2, "basis=voronoi", "time.1=1/8", "drywet=70");
        engine.LatentObserver = (_, _) => { };
        var input = new float[2 * 256];
        var output = new float[2 * 256];
        for (int i = 0; i < 100; i++)
        {
            engine.Process(input, output, 256);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int collections = GC.CollectionCount(0);
        for (int i = 0; i < 2000; i++)
        {
            if (i % 100 == 0)
            {
                engine.Post(new ParameterChange(ParameterId.DryWet, i % 200 == 0 ? 30 : 80));
            }

            engine.Process(input, output, 256);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(collections, GC.CollectionCount(0));
    }
}
