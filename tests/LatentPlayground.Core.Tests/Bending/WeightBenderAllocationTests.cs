using LatentPlayground.Core.Bending;

namespace LatentPlayground.Core.Tests.Bending;

[Collection(AllocationCollection.Name)]
public class WeightBenderAllocationTests
{
    [Theory]
    [InlineData(BendOperation.Flip, BendDistribution.Uniform)]
    [InlineData(BendOperation.Scale, BendDistribution.Uniform)]
    [InlineData(BendOperation.Distribution, BendDistribution.Uniform)]
    [InlineData(BendOperation.Distribution, BendDistribution.Gaussian)]
    [InlineData(BendOperation.Distribution, BendDistribution.Beta)]
    [InlineData(BendOperation.Distribution, BendDistribution.Laplace)]
    public void One_hundred_applies_allocate_nothing(BendOperation operation, BendDistribution law)
    {
        float[] pristine = BendLayers.Learned(4096);
        var bent = new float[pristine.Length];
        var step = new BendStep("l", operation, scale: 1.5, chaos: 0.5, amount: 0.6, distribution: law, seed: 2);
        Bend bend = Bend.Empty.Append(step).Append(step with { Seed = 3, Amount = 0.2 });
        var draws = new BendDraws(pristine.Length);

        // Warm-up: the first calls run while the JIT is still tiering the loops up.
        ApplyHundred(step, bend, draws, pristine, bent);

        // As in the noise tests: the runtime may charge a one-off housekeeping allocation to the running
        // thread when tiering or on-stack replacement kicks in; real per-call garbage shows in every pass.
        var allocated = new long[3];
        for (int pass = 0; pass < allocated.Length; pass++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            ApplyHundred(step, bend, draws, pristine, bent);
            allocated[pass] = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated[pass] == 0)
            {
                break;
            }
        }

        Assert.True(allocated.Contains(0), $"{operation}/{law} allocated {string.Join(", ", allocated)} bytes per 100 rounds (apply, replay, fill, cached apply)");
    }

    private static void ApplyHundred(in BendStep step, Bend bend, BendDraws draws, float[] pristine, float[] bent)
    {
        for (int i = 0; i < 100; i++)
        {
            BendStep swept = step with { Chaos = i / 99.0, Scale = i / 25.0, Seed = (uint)(i % 3) };
            WeightBender.Apply(swept, pristine, bent);
            bend.ApplyToLayer("l", pristine, bent);
            draws.Fill(swept.Distribution, swept.Seed);
            WeightBender.Apply(swept, pristine, draws, bent);
        }
    }
}
