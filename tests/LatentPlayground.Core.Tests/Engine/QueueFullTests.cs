using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Core.Tests.Engine;

/// <summary>
/// A storm of changes and preset switches against full inboxes: whatever is refused is refused for both sides, so
/// the audio side and the inference side end up holding the same value for every parameter, and that value is the
/// last one the control side saw accepted. The same holds across the two engines of a model swap.
/// </summary>
public sealed class QueueFullTests
{
    [Fact]
    public void A_queue_full_storm_leaves_both_sides_identical()
    {
        var engine = new LiveEngine(new ToneCodec(2048), 1, 128, 1200);
        var random = new Random(15);
        double[] preset = new double[ParameterTable.Count];
        double[] accepted = new double[ParameterTable.Count];
        engine.ApplyPendingImmediately();
        foreach (ParameterDescriptor d in ParameterTable.All)
        {
            accepted[(int)d.Id] = engine.HopTarget(d.Id);
        }

        int refused = 0, switchesRefused = 0;
        float[] input = new float[128], output = new float[128];
        for (int round = 0; round < 20_000; round++)
        {
            if (random.Next(50) == 0)
            {
                for (int i = 0; i < preset.Length; i++)
                {
                    ParameterDescriptor p = ParameterTable.Get((ParameterId)i);
                    preset[i] = p.Min + ((p.Max - p.Min) * random.NextDouble());
                }

                if (engine.PostSwitch(preset))
                {
                    foreach (ParameterDescriptor d in ParameterTable.All)
                    {
                        accepted[(int)d.Id] = d.Kind == ParameterKind.Action ? accepted[(int)d.Id] : d.Coerce(preset[(int)d.Id]);
                    }
                }
                else
                {
                    switchesRefused++;
                }
            }
            else
            {
                var d = ParameterTable.Get((ParameterId)random.Next(ParameterTable.Count));
                if (d.Kind != ParameterKind.Action)
                {
                    double value = d.Min + ((d.Max - d.Min) * random.NextDouble());
                    if (engine.Post(new ParameterChange(d.Id, value)))
                    {
                        accepted[(int)d.Id] = d.Coerce(value);
                    }
                    else
                    {
                        refused++;
                    }
                }
            }

            // Each side drains its own queue at its own pace, as the two threads do (the audio side every period,
            // the inference side at hops), and both far slower than the storm fills them.
            if (random.Next(300) == 0)
            {
                engine.ProcessPeriod(input, output, 128);
            }

            if (random.Next(900) == 0)
            {
                engine.TryProcessHop();
            }
        }

        engine.ApplyPendingImmediately();
        Assert.True(refused > 1000 && switchesRefused > 10, $"the storm did not fill the queues ({refused} changes, {switchesRefused} switches refused)");
        foreach (ParameterDescriptor d in ParameterTable.All)
        {
            Assert.True(engine.AudioTarget(d.Id) == engine.HopTarget(d.Id), $"{d.Name}: audio side {engine.AudioTarget(d.Id)}, inference side {engine.HopTarget(d.Id)}");
            Assert.True(engine.HopTarget(d.Id) == accepted[(int)d.Id], $"{d.Name}: the engine holds {engine.HopTarget(d.Id)}, the control side last saw {accepted[(int)d.Id]} accepted");
        }
    }

    [Fact]
    public void During_a_model_swap_a_change_reaches_both_engines_or_neither()
    {
        var outgoing = new LiveEngine(new ToneCodec(2048), 1, 128, 1200);
        var incoming = new LiveEngine(new ToneCodec(2048), 1, 128, 1200);
        var engines = new SwappableEngine(outgoing);
        Assert.True(engines.BeginSwap(incoming));

        // Only the outgoing engine's threads drain: the incoming one's inbox fills first, and from then on a change
        // must be refused for the outgoing engine too.
        float[] block = new float[128];
        int accepted = 0, refused = 0;
        for (int i = 0; i < 3 * EngineInbox.Capacity; i++)
        {
            bool ok = engines.Post(new ParameterChange(ParameterId.DryWet, i % 100));
            accepted += ok ? 1 : 0;
            refused += ok ? 0 : 1;
            if (i % 16 == 0)
            {
                outgoing.ProcessPeriod(block, block, 128);
                _ = outgoing.TryProcessHop();
            }
        }

        Assert.True(accepted <= EngineInbox.Capacity && refused > 0, $"{accepted} accepted, {refused} refused");
        Assert.False(engines.PostSwitch(new double[ParameterTable.Count]), "a switch was queued though the incoming engine had no room");
        outgoing.ApplyPendingImmediately();
        incoming.ApplyPendingImmediately();
        Assert.Equal(outgoing.HopTarget(ParameterId.DryWet), incoming.HopTarget(ParameterId.DryWet));
        Assert.Equal(outgoing.AudioTarget(ParameterId.DryWet), incoming.AudioTarget(ParameterId.DryWet));
    }

    [Fact]
    public void A_switch_is_one_message_and_its_snapshot_is_reused_only_after_both_threads_copied_it()
    {
        var engine = new LiveEngine(new ToneCodec(2048), 1, 128, 1200);
        double[] values = new double[ParameterTable.Count];
        for (int s = 0; s < EngineInbox.SwitchSlots; s++)
        {
            Assert.True(engine.PostSwitch(values), $"switch {s} refused with {EngineInbox.SwitchSlots} snapshots");
        }

        // Every snapshot waits for its readers: the next switch is refused whole, though the queues have room.
        Assert.False(engine.PostSwitch(values));
        Assert.True(engine.Post(new ParameterChange(ParameterId.DryWet, 50)));

        // The audio thread alone copying them is not enough: the inference thread has not yet.
        float[] block = new float[128];
        engine.ProcessPeriod(block, block, 128);
        Assert.False(engine.PostSwitch(values));
        engine.ApplyPendingImmediately();
        Assert.True(engine.PostSwitch(values));
    }
}
