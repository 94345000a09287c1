using LatentPlayground.Audio.Live;
using LatentPlayground.Audio.Tests.Alsa;

namespace LatentPlayground.Audio.Tests.Live;

/// <summary>
/// Both real-time threads, in steady state, allocate no managed byte and the process collects no garbage.
/// Measured by the threads themselves (GC.GetAllocatedBytesForCurrentThread after their warm-up), over
/// real ALSA file PCMs; alone in the process, so no other test's garbage counts.
/// </summary>
[Collection(RunAloneCollection.Name)]
public sealed class LiveAllocationTests
{
    [Theory]
    [InlineData(64)]
    [InlineData(256)]
    public void Neither_thread_allocates_and_no_garbage_is_collected_after_the_warm_up(int period)
    {
        const int rate = LiveRig.Rate;
        int frames = rate * 8;
        using var rig = new LiveRig(LiveRig.Noise(frames * 2, seed: 3), 2, period, 2, 4800);

        LiveCounters c = rig.RunToEnd(LiveRig.Settings(LivePacing.Clock(4), frames), TimeSpan.FromSeconds(60));

        Assert.True(c.SteadyState);
        Assert.True(c.Hops > 600, $"only {c.Hops} hops");
        Assert.Equal(0, c.AudioAllocatedBytes);
        Assert.Equal(0, c.InferenceAllocatedBytes);
        Assert.Equal(0, c.GcCollections);
        Assert.True(c.LateHops == 0, c.ToString());
    }
}
