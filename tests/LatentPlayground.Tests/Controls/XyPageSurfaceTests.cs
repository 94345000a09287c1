using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Ui;
using LatentPlayground.Sim;

namespace LatentPlayground.Tests.Controls;

/// <summary>
/// The XY page as a player works it, over the register-map simulations: knobs 1 and 2 move X and Y, the encoder
/// adds points, selects and deletes them, and the page's view shows what the mapping holds.
/// </summary>
public sealed class XyPageSurfaceTests : IDisposable
{
    private readonly SurfaceRig _rig = new();

    public void Dispose() => _rig.Dispose();

    [Fact]
    public void Knobs_move_x_and_y_and_the_encoder_adds_selects_and_deletes_points()
    {
        Turn(4); // home -> modulators -> offsets -> bending -> XY
        Assert.Equal(PanelPage.Xy, _rig.Surface.View.Page);
        Push();
        Assert.Equal(PanelLevel.Row, _rig.Surface.View.Level);

        // Knob 1 is X on this page: it takes over once it passes X's 0.5, then X follows it.
        _rig.Sim.SetKnob(0, 0.6);
        _rig.Run(100);
        _rig.Sim.SetKnob(0, 0.4);
        _rig.Run(100);
        _rig.Sim.SetKnob(0, 0.2);
        _rig.Run(200);
        Assert.Equal(0.2, _rig.Control.Current[ParameterId.XyX], 1);

        Turn(4); // Predict, X, Y, Pt, ADD
        Push();
        _rig.Sim.SetKnob(0, 0.3);
        _rig.Run(100);
        _rig.Sim.SetKnob(0, 0.9);
        _rig.Run(200);
        Push(); // ADD again, at X 0.9
        // The knob's converter reads to about 1 %.
        Assert.Equal([0.2, 0.9], _rig.Control.XyMapping.Points.Select(p => Math.Round(p.X, 1)));
        Assert.Equal(1, _rig.Control.XySelected);

        // The point row: edit, turn back to the first point (MAP mode: X goes to it), out; DELETE removes it.
        Turn(-1);
        Push();
        Turn(-1);
        Assert.Equal(0, _rig.Control.XySelected);
        Assert.Equal(_rig.Control.XyMapping.Points[0].X, _rig.Control.Current[ParameterId.XyX]);
        LongPush();
        Turn(3); // Pt -> ADD -> UPD -> DEL
        Push();
        Assert.Equal([0.9], _rig.Control.XyMapping.Points.Select(p => Math.Round(p.X, 1)));

        _rig.Run(200); // a frame
        XyPanelState shown = _rig.Surface.View.Xy;
        Assert.Equal(1, shown.Count);
        Assert.Equal(0.9, shown.X(0), 1);
        Assert.Equal(0, shown.Selected);
        Assert.Null(shown.Loss);
        Assert.DoesNotContain("warning", _rig.Log.ToString(), StringComparison.Ordinal);
    }

    private void Turn(int detents)
    {
        for (int i = 0; i < Math.Abs(detents); i++)
        {
            _rig.Sim.Turn(Math.Sign(detents));
            _rig.Run(150); // slow turns: one step each
        }
    }

    private void Push()
    {
        _rig.Sim.Push(SimKeys.Tap);
        _rig.Run(200);
    }

    private void LongPush()
    {
        _rig.Sim.Push(SimKeys.LongHold);
        _rig.Run(1000);
    }
}
