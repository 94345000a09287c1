using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Inference;

namespace LatentPlayground.Tests;

/// <summary>GC counts are process-wide: these tests run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCollection
{
    public const string Name = "Allocation counting";
}

[Collection(AllocationCollection.Name)]
public sealed class EngineWithModelAllocationTests
{
    [Theory]
    [InlineData(128)]
    [InlineData(2048)]
    public void The_engine_with_the_bundled_model_allocates_nothing_per_hop(int block)
    {
        ModelPackage package = ModelPackage.Load(Path.Combine(AppContext.BaseDirectory, "Assets", "models", "default"));
        using var codec = new OnnxStreamingCodec(package, new CodecOptions { Precision = package.BestPrecision });
        var engine = new OfflineEngine(codec, 2, 120, transportRunning: true);
        foreach (string s in new[] { "basis=fractal", "time.1=1/8", "drywet=80", "deviation=1" })
        {
            var p = new ParameterSet();
            Assert.Null(p.TrySetFromText(s));
            ParameterTable.TryFind(s[..s.IndexOf('=', StringComparison.Ordinal)], out ParameterDescriptor d);
            engine.Post(new ParameterChange(d.Id, p[d.Id]));
        }

        var input = new float[2 * block];
        var output = new float[2 * block];
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = (float)(0.3 * Math.Sin(i * 0.01));
        }

        for (int i = 0; i < 20 * 2048 / block; i++)
        {
            engine.Process(input, output, block);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int collections = GC.CollectionCount(0);
        for (int i = 0; i < 100 * 2048 / block; i++)
        {
            engine.Process(input, output, block);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(collections, GC.CollectionCount(0));
    }
}
