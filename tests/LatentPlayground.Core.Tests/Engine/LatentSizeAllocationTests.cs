using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Core.Tests.Engine;

/// <summary>
/// Every latent size and hop an imported model brings is sized in the constructors: steady-state hops
/// allocate nothing, offline and on both live threads.
/// </summary>
[Collection(AllocationCollection.Name)]
public class LatentSizeAllocationTests
{
    [Theory]
    [InlineData(4, 512, 44100)]
    [InlineData(16, 2048, 48000)]
    [InlineData(128, 4096, 44100)]
    public void The_offline_engine_allocates_nothing_per_hop(int latentSize, int hop, int sampleRate)
    {
        var engine = EngineHarness.Create(new IdentityCodec(hop, 100, sampleRate, latentSize), 2, "basis=voronoi", "time.1=1/8", "time.6=free", "offset.7=1", "deviation=1");
        engine.LatentObserver = (_, _) => { };
        var input = new float[2 * 256];
        var output = new float[2 * 256];
        for (int i = 0; i < 100; i++)
        {
            engine.Process(input, output, 256);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int collections = GC.CollectionCount(0);
        long hopsBefore = engine.HopStage.Frame;
        for (int i = 0; i < 2000; i++)
        {
            if (i % 100 == 0)
            {
                engine.Post(new ParameterChange(ParameterId.Offset2, i % 200 == 0 ? 1 : -1));
            }

            engine.Process(input, output, 256);
        }

        Assert.True(engine.HopStage.Frame - hopsBefore >= 2000 * 256 / hop);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(collections, GC.CollectionCount(0));
    }

    [Theory]
    [InlineData(4, 512, 44100)]
    [InlineData(16, 2048, 48000)]
    [InlineData(128, 4096, 44100)]
    public void Neither_live_thread_allocates_per_hop(int latentSize, int hop, int sampleRate)
    {
        var live = new LiveEngine(new IdentityCodec(hop, 0, sampleRate, latentSize), 2, 128, 1200);
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
        GC.Collect();
        GC.WaitForPendingFinalizers();
        int collections = GC.CollectionCount(0);
        long hopsBefore = live.ReadSnapshot().Hops;
        for (int i = 0; i < 5000; i++)
        {
            if (i % 500 == 0)
            {
                live.Post(new ParameterChange(ParameterId.Offset1, i % 1000 == 0 ? 0.5 : -0.5));
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

        Assert.True(live.ReadSnapshot().Hops - hopsBefore >= 5000 * 128 / hop - 1);
        Assert.Equal(0, audioBytes);
        Assert.Equal(0, hopBytes);
        Assert.Equal(collections, GC.CollectionCount(0));
    }
}
