using LatentPlayground.Core.Parameters;
using LatentPlayground.Pedal;

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

    [Fact]
    public void Control_ticks_after_a_log_line_allocate_nothing()
    {
        // A logged line opens a throttling window for its kind; the tick asks for the window's summary every time.
        _rig.Control.Handle(PedalEvent.Set(ParameterId.DryWet, 50, PedalInput.Knob));
        _rig.Control.Handle(PedalEvent.Recall(99, PedalInput.Midi)); // past the bank: one warning line
        _rig.Run(100);
        Assert.Contains("warning: preset 99", _rig.Log.ToString(), StringComparison.Ordinal);
        GC.Collect();
        long before = GC.GetAllocatedBytesForCurrentThread();
        _rig.Run(2000);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Sweeping_x_in_predict_on_the_xy_page_allocates_nothing()
    {
        // Two points, trained; PREDICT on; the XY page shown, where knob 1 is X.
        foreach ((double x, double offset) in new[] { (0.0, -2.0), (1.0, 2.0) })
        {
            _rig.Control.Handle(PedalEvent.Set(ParameterId.XyX, x, PedalInput.Encoder));
            _rig.Control.Handle(PedalEvent.Set(ParameterId.Offset1, offset, PedalInput.Encoder));
            _rig.Control.Handle(PedalEvent.Act(PedalAction.XyAdd, PedalInput.Encoder));
        }

        _rig.Control.Handle(PedalEvent.Act(PedalAction.XyTrain, PedalInput.Encoder));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (_rig.Control.XyTraining && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            Thread.Sleep(5);
            _rig.Run(10);
        }

        Assert.NotNull(_rig.Control.XyMapping.Network);
        _rig.Control.Handle(PedalEvent.Set(ParameterId.XyPredict, 1, PedalInput.Encoder));
        _rig.Control.Handle(PedalEvent.Set(ParameterId.XyX, 0.5, PedalInput.Encoder)); // mid-travel: the knob takes over on its way past
        for (int i = 0; i < 4; i++)
        {
            _rig.Sim.Turn(1);
            _rig.Run(150);
        }

        Assert.Equal(Core.Ui.PanelPage.Xy, _rig.Surface.View.Page);
        Sweep(2000);
        GC.Collect();
        int collections = GC.CollectionCount(0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        long frames = _rig.Surface.Frames;
        double offsetBefore = _rig.Control.Current[ParameterId.Offset1];
        Sweep(5000); // ends with the knob at the other end of its travel from where the first sweep left it
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(_rig.Surface.Frames - frames >= 124, $"{_rig.Surface.Frames - frames} frames in 5 s");
        Assert.NotEqual(offsetBefore, _rig.Control.Current[ParameterId.Offset1]); // the sweep did drive the mapping
        Assert.Equal(0, allocated);
        Assert.Equal(collections, GC.CollectionCount(0));
    }

    // Knob 1 back and forth across its travel, 1 s each way.
    private void Sweep(int milliseconds)
    {
        for (int t = 0; t < milliseconds; t += 20)
        {
            double phase = t % 2000 / 1000.0;
            _rig.Sim.SetKnob(0, phase < 1 ? phase : 2 - phase);
            _rig.Run(20);
        }
    }
}
