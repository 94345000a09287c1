using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Xy;
using LatentPlayground.Render;
using LatentPlayground.Tests.Controls;
using LatentPlayground.Xy;

namespace LatentPlayground.Tests.Xy;

/// <summary>The render's per-hop XY code (prediction and posting what changed) allocates nothing.</summary>
[Collection(AllocationCollection.Name)]
public sealed class XyAllocationTests
{
    [Fact]
    public void Predicting_and_posting_at_every_hop_allocates_nothing()
    {
        var mapping = new XyMapping(XyGroups.All);
        var random = new Random(3);
        for (int p = 0; p < 6; p++)
        {
            mapping.Add(new XyMapPoint(random.NextDouble(), random.NextDouble(), [.. mapping.Parameters.Select(id => ParameterTable.Get(id).FromNormalized(random.NextDouble()))]));
        }

        XyTrainingResult trained = mapping.Train(epochs: 50);
        mapping.Adopt(trained.Network, trained.FinalLoss);
        var rows = string.Join('\n', Enumerable.Range(0, 200).Select(i => $"{i * 0.05},{random.NextDouble()},{random.NextDouble()}"));
        var predictor = new XyHopPredictor(mapping, XyPath.Parse(rows, "p.csv"), 0.5, 0.5);
        var codec = new SilentCodec();
        var engine = new OfflineEngine(codec, 1);
        var input = new float[codec.Hop];
        var output = new float[codec.Hop];
        double seconds = 0;
        void Hops(int count)
        {
            for (int i = 0; i < count; i++)
            {
                predictor.Post(engine, seconds);
                engine.Process(input, output, codec.Hop);
                seconds += (double)codec.Hop / codec.SampleRate;
            }
        }

        Hops(64);

        // The runtime may charge a one-off housekeeping allocation to the running thread when tiering kicks in;
        // garbage made per hop shows in every pass.
        var allocated = new long[3];
        for (int pass = 0; pass < allocated.Length; pass++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Hops(256);
            allocated[pass] = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated[pass] == 0)
            {
                break;
            }
        }

        Assert.True(allocated.Contains(0), $"{string.Join(", ", allocated)} bytes per 256 hops");
        Assert.True(predictor.Values.ToArray().Distinct().Count() > 1);
    }
}
