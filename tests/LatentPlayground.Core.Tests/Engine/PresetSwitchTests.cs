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
    public void A_change_posted_while_a_switch_waits_for_its_hop_is_kept_when_the_switch_takes_effect()
    {
        var engine = new OfflineEngine(new StepCodec(Hop), 1);
        engine.PostSwitch(Values("offset.1=1"));
        engine.ApplyPendingImmediately();
        var block = new float[100];
        engine.Process(block, block, block.Length);

        // The switch waits for the next hop boundary; a knob moved just after it must not be undone by its commit.
        engine.PostSwitch(Values("offset.1=-1"));
        engine.Process(block, block, block.Length);
        engine.Post(new ParameterChange(ParameterId.Offset2, 0.5));
        engine.Process(new float[4 * Hop], new float[4 * Hop], 4 * Hop);
        Assert.Equal(-1, engine.HopStage.Latent[0], 4);
        Assert.Equal(0.5, engine.HopStage.Latent[1], 4);
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
    internal static double[] Values(string offset)
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
