using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Core.Tests.Engine;

/// <summary>
/// A storm of changes and preset switches against full queues: whatever is refused is refused for both sides, so
/// the audio side and the inference side end up holding the same value for every parameter.
/// </summary>
public sealed class QueueFullTests
{
    [Fact]
    public void A_queue_full_storm_leaves_both_sides_identical()
    {
        var engine = new LiveEngine(new ToneCodec(2048), 1, 128, 1200);
        var random = new Random(15);
        double[] preset = new double[ParameterTable.Count];
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

                switchesRefused += engine.PostSwitch(preset) ? 0 : 1;
            }
            else
            {
                var d = ParameterTable.Get((ParameterId)random.Next(ParameterTable.Count));
                if (d.Kind != ParameterKind.Action)
                {
                    refused += engine.Post(new ParameterChange(d.Id, d.Min + ((d.Max - d.Min) * random.NextDouble()))) ? 0 : 1;
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
        }
    }
}
