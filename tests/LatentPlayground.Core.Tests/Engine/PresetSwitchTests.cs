using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Tempo;

namespace LatentPlayground.Core.Tests.Engine;

/// <summary>Preset switches: held back to one hop boundary, with the wet signal dipped to dry across it.</summary>
public sealed class PresetSwitchTests
{
    private const int Hop = 512;

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(511)]
    [InlineData(1700)]
    public void A_switch_turns_a_wet_step_into_a_smooth_dip_whenever_it_comes(int at)
    {
        float[] switched = Run(at, useSwitch: true, out _);
        float[] plain = Run(at, useSwitch: false, out _);

        // Silence in, so the output is the wet signal times its coefficient: 1/3 before, -1/3 after.
        Assert.Equal(1 / 3f, switched[(4 * Hop) + at], 4);
        Assert.Equal(-1 / 3f, switched[^1], 4);
        double smooth = LargestStep(switched, 4 * Hop);
        double stepped = LargestStep(plain, 4 * Hop);

        // The S-shaped 20 ms fade's steepest slope is 1.5 / 960 of the wet level per sample.
        Assert.True(smooth < 1.5 / 960 * (1 / 3.0) * 1.05, $"largest step with the switch {smooth}");
        Assert.True(stepped > 0.05, $"the plain change should step, it moved at most {stepped}");
    }

    [Fact]
    public void The_new_settings_start_at_one_hop_boundary_and_the_dip_covers_it()
    {
        float[] switched = Run(200, useSwitch: true, out OfflineEngine engine);
        int latency = engine.LatencySamples;

        // Dry is silent, so the output is zero exactly where the wet signal is fully dipped; the sign
        // change from +1/3 to -1/3 happens inside that stretch, on a hop boundary plus the latency.
        int firstNegative = Array.FindIndex(switched, x => x < 0);
        int lastPositive = Array.FindLastIndex(switched, x => x > 0);
        Assert.True(firstNegative > lastPositive);
        Assert.InRange((firstNegative - latency) % Hop, 0, 1);
    }

    [Fact]
    public void Switching_allocates_nothing()
    {
        var engine = Prepared(out float[] input, out float[] output);
        var values = Values("offset.1=-1");
        var back = Values("offset.1=1");
        for (int i = 0; i < 4; i++)
        {
            engine.PostSwitch(values);
            engine.Process(input, output, input.Length);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++)
        {
            engine.PostSwitch(i % 2 == 0 ? values : back);
            engine.Process(input, output, input.Length);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before - 0);
    }

    private static OfflineEngine Prepared(out float[] input, out float[] output)
    {
        var engine = new OfflineEngine(new StepCodec(Hop), 1);
        engine.PostSwitch(Values("offset.1=1"));
        engine.ApplyPendingImmediately();
        input = new float[Hop];
        output = new float[Hop];
        return engine;
    }

    private static float[] Run(int at, bool useSwitch, out OfflineEngine engine)
    {
        engine = new OfflineEngine(new StepCodec(Hop), 1);
        engine.PostSwitch(Values("offset.1=1"));
        engine.ApplyPendingImmediately();
        int total = 16 * Hop;
        var input = new float[total];
        var output = new float[total];
        at += 4 * Hop; // past the latency, so the wet signal is +1/3 when the switch comes
        engine.Process(input.AsSpan(0, at), output.AsSpan(0, at), at);
        double[] target = Values("offset.1=-1");
        if (useSwitch)
        {
            engine.PostSwitch(target);
        }
        else
        {
            engine.Post(new ParameterChange(ParameterId.Offset1, -1));
        }

        engine.Process(input.AsSpan(at), output.AsSpan(at), total - at);
        return output;
    }

    // Encode and modulation off, so latent dimension 1 is offset.1 alone.
    private static double[] Values(string offset)
    {
        var p = new ParameterSet();
        Assert.Null(p.TrySetFromText("encode=off"));
        Assert.Null(p.TrySetFromText("mod=off"));
        Assert.Null(p.TrySetFromText(offset));
        var values = new double[ParameterTable.Count];
        p.CopyTo(values);
        return values;
    }

    private static double LargestStep(float[] x, int from)
    {
        double worst = 0;
        for (int i = from; i < x.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(x[i] - x[i - 1]));
        }

        return worst;
    }
}

/// <summary>The live engine's switch: the same dip, on the inference thread's hop and the audio thread's clock.</summary>
public sealed class LivePresetSwitchTests
{
    [Theory]
    [InlineData(64, 1200, 3000)]
    [InlineData(256, 2000, 4321)]
    public void A_live_switch_is_as_smooth_as_the_offline_one(int period, int budget, int at)
    {
        const int hop = 512;
        var engine = new LiveEngine(new StepCodec(hop), 1, period, budget);
        engine.PostSwitch(Values("offset.1=1"));
        engine.ApplyPendingImmediately();
        int total = 40 * hop;
        var input = new float[period];
        var output = new float[total];
        bool posted = false;
        for (int f = 0; f + period <= total; f += period)
        {
            if (!posted && f >= at)
            {
                engine.PostSwitch(Values("offset.1=-1"));
                posted = true;
            }

            engine.ProcessPeriod(input, output.AsSpan(f, period), period);
            while (engine.TryProcessHop())
            {
            }
        }

        int settled = engine.LatencySamples + period;
        Assert.Equal(1 / 3f, output[settled], 4);
        Assert.Equal(-1 / 3f, output[total - period - 1], 4);
        double worst = 0;
        for (int i = settled; i < total - period; i++)
        {
            worst = Math.Max(worst, Math.Abs(output[i] - output[i - 1]));
        }

        Assert.True(worst < 1.5 / 960 * (1 / 3.0) * 1.05, $"largest step {worst}");
        Assert.Equal(0, engine.LateHops);
    }

    private static double[] Values(string offset)
    {
        var p = new ParameterSet();
        Assert.Null(p.TrySetFromText("encode=off"));
        Assert.Null(p.TrySetFromText("mod=off"));
        Assert.Null(p.TrySetFromText(offset));
        var values = new double[ParameterTable.Count];
        p.CopyTo(values);
        return values;
    }
}

/// <summary>The live engine following an outside clock (MIDI): each hop takes the tempo and position it will be heard at.</summary>
public sealed class LiveEngineExternalClockTests
{
    [Fact]
    public void Hops_follow_the_published_clock_and_fall_back_to_their_own_when_it_is_withdrawn()
    {
        var engine = new LiveEngine(new StepCodec(512), 1, 128, 1200);
        engine.ApplyPendingImmediately();
        double now = System.Diagnostics.Stopwatch.GetTimestamp() / (double)System.Diagnostics.Stopwatch.Frequency;
        engine.SetExternalClock(new ExternalClock(true, new TempoAnchor(150, Running: true, Moving: true, Position: 4, Time: now, Limit: 1000)));
        var input = new float[128];
        var output = new float[128];
        for (int i = 0; i < 40; i++)
        {
            engine.ProcessPeriod(input, output, 128);
            while (engine.TryProcessHop())
            {
            }
        }

        TempoState followed = engine.ReadSnapshot().Tempo;
        Assert.Equal(150, followed.Bpm);
        Assert.True(followed.Running);
        // Moving on from the anchor's position at its tempo, not minutes on (this loop runs far faster than real time).
        Assert.InRange(followed.Beats, 4, 4 + (60 * 150 / 60));

        engine.SetExternalClock(new ExternalClock(false, default));
        engine.ProcessPeriod(input, output, 128);
        for (int i = 0; i < 8; i++)
        {
            engine.ProcessPeriod(input, output, 128);
            while (engine.TryProcessHop())
            {
            }
        }

        Assert.Equal(engine.Tempo.Bpm, engine.ReadSnapshot().Tempo.Bpm);
        Assert.False(engine.ReadSnapshot().Tempo.Running);
    }
}

/// <summary>Latent freeze (footswitch B's long press): z' holds, the decoder keeps sounding it.</summary>
public sealed class FreezeTests
{
    [Fact]
    public void Freeze_holds_the_latent_and_releasing_it_moves_on_from_there()
    {
        OfflineEngine engine = EngineHarness.Create(new ToneCodec(512), 1, "speed=900", "rate=24", "scale=2");
        var seen = new List<float[]>();
        engine.LatentObserver = (_, z) => seen.Add(z.ToArray());
        var input = new float[512];
        var output = new float[512];
        for (int i = 0; i < 10; i++)
        {
            engine.Process(input, output, 512);
        }

        engine.Post(new ParameterChange(ParameterId.Freeze, 1));
        for (int i = 0; i < 10; i++)
        {
            engine.Process(input, output, 512);
        }

        engine.Post(new ParameterChange(ParameterId.Freeze, 0));
        for (int i = 0; i < 10; i++)
        {
            engine.Process(input, output, 512);
        }

        Assert.NotEqual(seen[3], seen[4]);          // moving before
        for (int i = 10; i < 20; i++)
        {
            Assert.Equal(seen[9], seen[i]);         // held while frozen
        }

        Assert.NotEqual(seen[9], seen[25]);         // moving again after
        Assert.Contains(output, x => x != 0);       // and sounding throughout
    }
}
