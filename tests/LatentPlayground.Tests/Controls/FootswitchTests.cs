using System.Device.Gpio;
using LatentPlayground.Controls;
using LatentPlayground.Hardware.Pins;
using LatentPlayground.Hardware.Simulation;

namespace LatentPlayground.Tests.Controls;

/// <summary>The footswitches as run reads them: the real GpioController over a simulated GPIO driver, and the controls map.</summary>
public sealed class FootswitchTests : IDisposable
{
    private static string Hardware => Path.Combine(AppContext.BaseDirectory, "hardware");

    private readonly SimulatedGpioDriver _driver = new() { FloatingLevel = PinValue.High };
    private readonly ManualTimeProvider _clock = new();
    private readonly List<string> _actions = [];
    private readonly GpioController _gpio;
    private readonly PedalFootswitches _switches;
    private readonly PinMap _pins = PinMapJson.Load(Path.Combine(Hardware, "pinmap.json"));

    public FootswitchTests()
    {
        _gpio = new GpioController(_driver);
        FootswitchMap map = ControlsMapJson.Parse(File.ReadAllText(Path.Combine(Hardware, "controls.json")), "controls.json").Footswitches;
        _switches = new PedalFootswitches(_gpio, _pins, map, g =>
        {
            if (g.Action != LatentPlayground.Pedal.PedalAction.None)
            {
                _actions.Add(LatentPlayground.Pedal.PedalActionNames.Name(g.Action));
            }
        }, _clock);
    }

    public void Dispose()
    {
        _switches.Dispose();
        _gpio.Dispose();
    }

    [Fact]
    public void The_shipped_controls_map_is_the_default_one()
    {
        FootswitchMap shipped = ControlsMapJson.Parse(File.ReadAllText(Path.Combine(Hardware, "controls.json")), "controls.json").Footswitches;
        foreach ((string name, FootswitchGestures g) in FootswitchMap.Default.Footswitches)
        {
            Assert.Equal(g, shipped.Footswitches[name]);
        }
    }

    [Fact]
    public void A_press_on_A_is_bypass_at_release_without_waiting_for_a_double_press()
    {
        Hold("A", 80);
        Assert.Equal(["bypass"], _actions);
    }

    [Fact]
    public void Holding_A_is_tap_tempo_and_holding_B_is_freeze()
    {
        Hold("A", 900);
        Hold("B", 900);
        Assert.Equal(["tap-tempo", "freeze"], _actions);
    }

    [Fact]
    public void C_is_next_preset_then_previous_when_held_and_save_on_a_double_press()
    {
        Hold("C", 80);
        Wait(400); // the double-press window passes: a single press
        Hold("C", 900);
        Hold("C", 60);
        Wait(80);
        Hold("C", 60);
        Wait(400);
        Assert.Equal(["next-preset", "previous-preset", "save-preset"], _actions);
    }

    [Theory]
    [InlineData("""{ "schema": 1, "footswitches": { "C": { "double": "sav" } } }""", "controls.json: footswitches.C.double: \"sav\" is not an action")]
    [InlineData("""{ "schema": 1, "footswitches": { "A": { "triple": "bypass" } } }""", "controls.json: footswitches.A.triple: is not a gesture")]
    [InlineData("""{ "schema": 2 }""", "controls.json: schema: must be 1")]
    [InlineData("""{ "schema": 1, "pages": [] }""", "controls.json: pages: is not a controls map field")]
    [InlineData("""{ "schema": 1, "knobs": [] }""", "controls.json: knobs: must be an object of page name")]
    [InlineData("""{ "schema": 1, "knobs": { "offset": ["offset.1"] } }""", "controls.json: knobs.offset: is not a page")]
    [InlineData("""{ "schema": 1, "knobs": { "offsets": [["offset.1"], ["offset.5", "offset.6", "offset.9"]] } }""", "controls.json: knobs.offsets[1][2]: \"offset.9\" is not a parameter")]
    [InlineData("""{ "schema": 1, "knobs": { "home": ["drywet", "trigger"] } }""", "controls.json: knobs.home[1]: \"trigger\" is an action")]
    [InlineData("""{ "schema": 1, "knobs": { "home": [["drywet"], "speed"] } }""", "controls.json: knobs.home[1]: must be a list of parameter names")]
    [InlineData("""{ "schema": 1, "expression": { "heel": 0 } }""", "controls.json: expression.parameter: is missing")]
    [InlineData("""{ "schema": 1, "expression": { "parameter": "drywet", "toe": 150 } }""", "controls.json: expression.toe: drywet: 150 is out of range")]
    [InlineData("""{ "schema": 1, "expression": { "parameter": "speed", "heal": 0 } }""", "controls.json: expression.heal: is not an expression field")]
    public void A_bad_controls_map_names_the_field(string json, string expected)
    {
        FormatException e = Assert.Throws<FormatException>(() => ControlsMapJson.Parse(json, "controls.json"));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    private void Hold(string name, int milliseconds)
    {
        int pin = _pins.Footswitches.Single(s => s.Name == name).Gpio;
        _driver.Press(pin);
        Wait(milliseconds);
        _driver.Drive(pin, PinValue.High);
        Wait(40);
    }

    private void Wait(int milliseconds)
    {
        for (int t = 0; t < milliseconds; t += 2)
        {
            _clock.AdvanceMilliseconds(2);
            _switches.Poll();
        }
    }
}
