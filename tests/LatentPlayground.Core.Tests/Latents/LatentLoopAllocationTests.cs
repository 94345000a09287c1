using LatentPlayground.Core.Latents;
using LatentPlayground.Core.Tempo;
using LatentPlayground.Core.Tests.Engine;

namespace LatentPlayground.Core.Tests.Latents;

/// <summary>
/// The loop is real-time code: reading it, alone and through the engine's hops, allocates nothing. Three passes
/// after a warm-up, one of which must allocate nothing, as the project's other allocation tests: a one-off
/// tiering allocation charged to the thread is not per-hop garbage.
/// </summary>
[Collection(AllocationCollection.Name)]
public class LatentLoopAllocationTests
{
    private const double LatentRate = 48000 / 2048.0;

    [Theory]
    [InlineData(LoopTempoMode.Fit)]
    [InlineData(LoopTempoMode.Quantised)]
    public void Reading_allocates_nothing(LoopTempoMode mode)
    {
        var loop = new LatentLoopSource(new LatentArray(64, 8, new double[512]), LatentRate, loopBeats: 8, mode);
        float[] z = new float[8];
        Read(loop, z);
        Assert.Contains(0L, Passes(() => Read(loop, z)));

        static void Read(LatentLoopSource source, float[] z)
        {
            for (int h = 0; h < 1000; h++)
            {
                // Running and stopped in turn, so both paths are read.
                source.TryRead(h, new TempoState(97, h % 300 > 10, h * 0.05), z);
            }
        }
    }

    [Fact]
    public void The_engine_playing_a_loop_allocates_nothing_per_hop()
    {
        var engine = EngineHarness.Create(new IdentityCodec(512, 0, 48000, 8), 2, "offset.2=0.5", "deviation=1");
        engine.HopStage.LatentSource = new LatentLoopSource(new LatentArray(40, 8, new double[320]), 48000 / 512.0, loopBeats: 8);
        engine.Tempo.SetTempo(93.7);
        engine.Tempo.Start();
        var input = new float[2 * 256];
        var output = new float[2 * 256];
        void Run()
        {
            for (int i = 0; i < 400; i++)
            {
                engine.Process(input, output, 256);
            }
        }

        Run();
        Assert.Contains(0L, Passes(Run));
    }

    private static long[] Passes(Action pass)
    {
        var bytes = new long[3];
        for (int p = 0; p < bytes.Length; p++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            pass();
            bytes[p] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        return bytes;
    }
}
