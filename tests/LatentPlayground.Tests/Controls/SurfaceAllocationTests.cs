namespace LatentPlayground.Tests.Controls;

/// <summary>
/// The control thread shares the process with the audio threads, and a garbage collection pauses them all:
/// a pedal standing on stage with nobody touching it (polling, LEDs, 25 fps display redraws) allocates nothing.
/// </summary>
[Collection(AllocationCollection.Name)]
public sealed class SurfaceAllocationTests : IDisposable
{
    private readonly SurfaceRig _rig = new();

    public void Dispose() => _rig.Dispose();

    [Fact]
    public void Idle_control_ticks_with_display_redraws_allocate_nothing()
    {
        _rig.Run(2000);
        GC.Collect();
        int collections = GC.CollectionCount(0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        long frames = _rig.Surface.Frames;
        _rig.Run(4000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(_rig.Surface.Frames - frames >= 99, $"{_rig.Surface.Frames - frames} frames in 4 s");
        Assert.Equal(0, allocated);
        Assert.Equal(collections, GC.CollectionCount(0));
    }
}
