using LatentPlayground.Controls;
using LatentPlayground.Core.Ui;
using LatentPlayground.Hardware.Pins;
using LatentPlayground.Hardware.Simulation;
using LatentPlayground.Live;
using LatentPlayground.Pedal;
using LatentPlayground.Sim;
using LatentPlayground.State;
using LatentPlayground.Tests.Live;

namespace LatentPlayground.Tests.Controls;

/// <summary>
/// The settings page's Model row through the encoder, over the register-map simulations: push to edit, turns show the
/// library's models one by one, the push that ends the edit loads the one shown and it swaps in; a long push leaves
/// the model as it was.
/// </summary>
public sealed class ModelRowSurfaceTests : IDisposable
{
    private readonly SwapRig _rig = new();
    private readonly ManualTimeProvider _clock = new();
    private readonly SimulatedPedal _sim;
    private readonly PedalSurface _surface;

    public ModelRowSurfaceTests()
    {
        string hardware = Path.Combine(AppContext.BaseDirectory, "hardware");
        PinMap pins = PinMapJson.Load(Path.Combine(hardware, "pinmap.json"));
        _sim = new SimulatedPedal(pins, _clock);
        ControlsMap map = ControlsMapJson.Parse(File.ReadAllText(Path.Combine(hardware, "controls.json")), "controls.json");
        _surface = new PedalSurface(pins, map, _sim.Buses, _rig.Control, _rig.Engines.ReadSnapshot, new LiveLog(_rig.Log, journal: false), _clock);
        Run(200);
    }

    public void Dispose()
    {
        _surface.Dispose();
        _sim.Dispose();
        _rig.Dispose();
    }

    [Fact]
    public void Pushing_on_a_model_chosen_with_the_encoder_loads_it_and_it_swaps_in()
    {
        OpenModelRow();
        Assert.Equal("synth-default", _surface.View.ModelName);
        _sim.Push(SimKeys.Tap);
        Run(200);
        Assert.Equal(PanelLevel.Edit, _surface.View.Level);
        Assert.Equal("synth-default", _surface.View.ModelChoice);
        _sim.Turn(1);
        Run(150);
        Assert.Equal("synth-b", _surface.View.ModelChoice);
        Assert.Equal("synth-default", _rig.Switcher.Target.Name);

        _sim.Push(SimKeys.Tap);
        Run(200);
        Assert.Null(_surface.View.ModelChoice);
        Assert.Equal("synth-b", _rig.Switcher.Target.Name);
        _rig.RunUntil(() => _rig.Switcher.Current.Name == "synth-b");
        Run(100);
        Assert.Equal("synth-b", _surface.View.ModelName);
        Assert.False(_surface.View.ModelLoading);
        Assert.Equal("synth-b", LatentPlayground.Tests.State.Persisted.Eventually(_rig.StateFolder, s => s.Model == "synth-b").Model);
    }

    [Fact]
    public void A_long_push_leaves_the_model_as_it_was()
    {
        OpenModelRow();
        _sim.Push(SimKeys.Tap);
        Run(200);
        _sim.Turn(2);
        Run(300);
        Assert.Equal("synth-c", _surface.View.ModelChoice);
        _sim.Push(SimKeys.LongHold);
        Run(1000);
        Assert.Null(_surface.View.ModelChoice);
        Assert.Equal("synth-default", _rig.Switcher.Target.Name);
        Assert.False(_rig.Switcher.Busy);
    }

    // Home -> settings (one turn back), into the rows, down to the last row: Model.
    private void OpenModelRow()
    {
        _sim.Turn(-1);
        Run(20);
        _sim.Push(SimKeys.Tap);
        Run(200);
        int row = PanelLayout.Default.Rows(PanelPage.Settings).ToList().FindIndex(r => r.Kind == PanelRowKind.Setting && r.Setting == PanelSetting.Model);
        for (int i = 0; i < row; i++)
        {
            _sim.Turn(1);
            Run(150);
        }

        Assert.Equal(PanelSetting.Model, new PanelNavigator(PanelLayout.Default).Selected(_surface.View)!.Value.Setting);
    }

    private void Run(int milliseconds)
    {
        for (int t = 0; t < milliseconds; t += 2)
        {
            _clock.AdvanceMilliseconds(2);
            _sim.Tick();
            _surface.PollDevices();
            _rig.Control.Tick();
            _surface.Present();
        }
    }
}
