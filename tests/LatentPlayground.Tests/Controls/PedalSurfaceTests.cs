using LatentPlayground.Controls;
using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Ui;
using LatentPlayground.Hardware.Knobs;
using LatentPlayground.Live;
using LatentPlayground.Pedal;
using LatentPlayground.Sim;
using LatentPlayground.State;

namespace LatentPlayground.Tests.Controls;

/// <summary>
/// The whole control surface as run builds it, over the register-map simulations: knobs, encoder and footswitches
/// reach the engine as parameter changes through its queue, knobs take over softly, the display shows the page on
/// the simulated SSD1306's glass, and the LEDs follow bypass and freeze.
/// </summary>
public sealed class PedalSurfaceTests : IDisposable
{
    private readonly SurfaceRig _rig = new();
    private readonly SimulatedPedal _sim;
    private readonly PedalReducer _control;
    private readonly PedalSurface _surface;
    private readonly LiveEngine _engine;

    public PedalSurfaceTests()
    {
        _sim = _rig.Sim;
        _control = _rig.Control;
        _surface = _rig.Surface;
        _engine = _rig.Engine;
    }

    public void Dispose() => _rig.Dispose();

    [Fact]
    public void A_knob_acts_only_once_it_passes_the_stored_value_then_its_moves_reach_the_engine_through_the_queue()
    {
        // Knob 1 is dry/wet on the home page; the first preset stores 100 %, the knob rests at half.
        double stored = _control.Current[ParameterId.DryWet];
        _sim.SetKnob(0, 0.7);
        Run(200);
        Assert.Equal(stored, _control.Current[ParameterId.DryWet]);
        _sim.SetKnob(0, 1.0);
        Run(200);
        _sim.SetKnob(0, 0.6);
        Run(300);
        double moved = _control.Current[ParameterId.DryWet];
        Assert.InRange(moved, 55, 65);
        _engine.ApplyPendingImmediately();
        Assert.Equal(moved, _engine.HopTarget(ParameterId.DryWet));
    }

    [Fact]
    public void A_resting_knob_never_changes_a_parameter()
    {
        _sim.SetKnob(1, 0.0); // deviation: stored 0, so the knob picks up at once
        Run(300);
        _sim.SetKnob(1, 0.4);
        Run(300);
        double value = _control.Current[ParameterId.Deviation];
        var random = new Random(7);
        for (int i = 0; i < 200; i++)
        {
            _sim.SetKnob(1, 0.4 + ((random.NextDouble() - 0.5) * 0.004)); // ±2 mV of noise on the wiper
            Run(4);
        }

        Assert.Equal(value, _control.Current[ParameterId.Deviation]);
    }

    [Fact]
    public void The_encoder_reaches_a_page_edits_a_value_and_the_change_reaches_the_engine()
    {
        _sim.Turn(2); // home -> modulators -> offsets
        Run(20);
        Assert.Equal(PanelPage.Offsets, _surface.View.Page);
        _sim.Push(SimKeys.Tap);
        Run(200);
        _sim.Push(SimKeys.Tap);
        Run(200);
        Assert.Equal(PanelLevel.Edit, _surface.View.Level);
        double before = _control.Current[ParameterId.Offset1];
        for (int i = 0; i < 5; i++)
        {
            _sim.Turn(1);
            Run(150); // slow turns: one step each
        }

        Assert.Equal(before + 0.15, _control.Current[ParameterId.Offset1], 6);
        _engine.ApplyPendingImmediately();
        Assert.Equal(before + 0.15, _engine.HopTarget(ParameterId.Offset1), 6);
    }

    [Fact]
    public void The_display_shows_the_page_through_the_real_driver_and_a_footswitch_moves_the_LEDs()
    {
        Run(100);
        var expected = new Framebuffer();
        expected.Load(_surface.Frame.Bytes);
        for (int y = 0; y < Framebuffer.Height; y++)
        {
            for (int x = 0; x < Framebuffer.Width; x++)
            {
                Assert.Equal(expected.GetPixel(x, y), _sim.Display.GetVisiblePixel(x, y));
            }
        }

        Assert.Contains(("A", true), _surface.Leds);
        _sim.Press("A", SimKeys.Tap);
        Run(300);
        Assert.True(_control.Current.IsOn(ParameterId.Bypass));
        Assert.Contains(("A", false), _surface.Leds);
        Assert.Contains(("C", true), _surface.Leds); // the sound now differs from the stored preset
        _engine.ApplyPendingImmediately();
        Assert.Equal(1, _engine.HopTarget(ParameterId.Bypass));
    }

    [Fact]
    public void On_the_offsets_page_moving_the_cursor_to_offset_6_brings_knob_2_onto_it()
    {
        _sim.Turn(2);
        Run(20);
        _sim.Push(SimKeys.Tap);
        Run(200);
        for (int i = 0; i < 5; i++)
        {
            _sim.Turn(1);
            Run(150);
        }

        _sim.SetKnob(1, 0.5); // offset 6 stored at some value; sweep the knob through the whole travel to pick it up
        Run(100);
        _sim.SetKnob(1, 0.0);
        Run(200);
        _sim.SetKnob(1, 1.0);
        Run(800); // the smoothing settles into the top end zone
        Assert.Equal(ParameterTable.LatentLimit, _control.Current[ParameterId.Offset6], 2);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Calibrating_the_expression_pedal_from_the_settings_page_learns_its_travel_and_keeps_it(bool wiredReversed)
    {
        _sim.Turn(-1); // home -> settings
        Run(20);
        _sim.Push(SimKeys.Tap);
        Run(200);
        int calibrationRow = PanelLayout.Default.Rows(PanelPage.Settings).ToList().FindIndex(r => r.Kind == PanelRowKind.Setting && r.Setting == PanelSetting.ExpressionCalibration);
        for (int i = 0; i < calibrationRow; i++)
        {
            _sim.Turn(1);
            Run(150);
        }

        (double heel, double toe) = wiredReversed ? (0.9, 0.1) : (0.1, 0.9);
        _sim.SetExpression(heel);
        Run(200);
        _sim.Push(SimKeys.Tap); // start at the heel, rock to the toe, push there
        Run(200);
        Assert.True(_surface.View.ExpressionCalibrating);
        _sim.SetExpression(toe);
        Run(200);
        _sim.Push(SimKeys.Tap);
        Run(200);

        Assert.False(_surface.View.ExpressionCalibrating);
        PedalCalibration? learnt = LatentPlayground.Tests.State.Persisted.Eventually(_rig.StateFolder, s => s.Expression is not null).Expression;
        Assert.NotNull(learnt);
        Assert.Equal(wiredReversed, learnt.Value.Reversed);
        Assert.InRange(learnt.Value.MaxCode - learnt.Value.MinCode, 0.7 * 26400, 0.9 * 26400);

        // At the toe now, the pedal reads full travel: dry/wet goes to 100 % once the pedal passes the stored value.
        _sim.SetExpression(heel);
        Run(600);
        Assert.Equal(0, _control.Current[ParameterId.DryWet], 0);
    }

    private void Run(int milliseconds) => _rig.Run(milliseconds);

    [Fact]
    public void Disposing_the_surface_closes_its_i2c_and_spi_devices()
    {
        Assert.False(_sim.BusDevicesDisposed);
        _surface.Dispose();
        Assert.True(_sim.BusDevicesDisposed);
    }
}
