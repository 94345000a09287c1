namespace LatentPlayground.Core.Tests;

/// <summary>
/// Tests that count GC collections run alone: the collection count is process-wide, so a test
/// running in parallel could otherwise trigger a collection and fail an allocation-free check.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCollection
{
    public const string Name = "Allocation counting";
}
