namespace LatentPlayground.Inference.Tests;

/// <summary>GC allocation counts are process-wide in effect (tiered JIT, other tests' threads): these run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCollection
{
    public const string Name = "allocation";
}

[Collection(AllocationCollection.Name)]
public sealed class AllocationTests
{
    [Fact]
    public void Encode_decode_and_reset_allocate_nothing_after_warm_up() => AssertNoAllocation(TestPackages.Small, ModelPrecision.Fp32);

    [Theory]
    [InlineData(512, 4, 44100)]
    [InlineData(4096, 128, 48000)]
    public void Imported_shapes_encode_and_decode_without_allocating(int hop, int latentSize, int sampleRate)
    {
        using var p = new SyntheticPackage(hop, latentSize, sampleRate);
        AssertNoAllocation(p.Folder, ModelPrecision.Fp32);
    }

    [Int8GraphFact]
    public void Int8_encode_and_decode_allocate_nothing_after_warm_up()
    {
        foreach (string package in TestPackages.WithInt8)
        {
            AssertNoAllocation(package, ModelPrecision.Int8);
        }
    }

    private static void AssertNoAllocation(string package, ModelPrecision precision)
    {
        using var codec = new OnnxStreamingCodec(ModelPackage.Load(package), new CodecOptions { Precision = precision });
        var audio = new float[codec.Hop];
        var latent = new float[codec.LatentSize];
        var output = new float[codec.Hop];
        for (int i = 0; i < audio.Length; i++)
        {
            audio[i] = MathF.Sin(i * 0.05f) * 0.5f;
        }

        // Let the JIT settle the hop path (tier-0 code and its first calls may allocate) before counting.
        Hops(codec, audio, latent, output, 50);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Hops(codec, audio, latent, output, 200);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated == 0, $"{package} ({precision}): {allocated} bytes in 200 hops");
    }

    private static void Hops(OnnxStreamingCodec codec, float[] audio, float[] latent, float[] output, int count)
    {
        for (int i = 0; i < count; i++)
        {
            codec.Encode(audio, latent);
            latent[0] += 0.5f; // the engine changes z between encode and decode
            codec.Decode(latent, output);
            _ = codec.LastEncodeTime + codec.LastDecodeTime;
            if (i % 64 == 63)
            {
                codec.Reset();
            }
        }
    }
}
