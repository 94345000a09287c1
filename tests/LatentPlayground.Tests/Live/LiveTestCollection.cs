namespace LatentPlayground.Tests.Live;

/// <summary>
/// Tests that run the live driver's real-time threads (pinned to cores 0 and 1) or count garbage
/// collections: one at a time and with no other test running, so neither fights another for those cores
/// nor counts another's garbage.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LiveTestCollection
{
    public const string Name = "Live driver, alone";
}
