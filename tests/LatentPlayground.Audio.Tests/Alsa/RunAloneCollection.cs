namespace LatentPlayground.Audio.Tests.Alsa;

/// <summary>
/// Tests that measure allocations or change process-wide state (memory locks, scheduling): they must not
/// share the process with other tests running at the same time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunAloneCollection
{
    public const string Name = "Run alone";
}
