using System.Device.Gpio;
using LatentPlayground.Hardware;
using LatentPlayground.Hardware.Pins;
using LatentPlayground.Hardware.Switches;
using LatentPlayground.Pedal;

namespace LatentPlayground.Controls;

/// <summary>
/// The pedal's footswitches: one <see cref="MomentarySwitch"/> per switch of the pin map, on the
/// <see cref="GpioController"/> it is given (libgpiod on the Pi, a simulated driver in tests), and each
/// gesture turned into its <see cref="PedalAction"/> from the controls map. A switch whose double press does nothing gets
/// no double-press window, so its single press fires at release without waiting.
/// Thread: the control thread (<see cref="Poll"/> from its loop).
/// </summary>
public sealed class PedalFootswitches : IDisposable
{
    private readonly List<MomentarySwitch> _switches = [];
    private readonly Action<FootswitchGesture> _act;

    /// <param name="act">Called with each completed gesture whose action is not none; the surface may give a switch
    /// another meaning on a page (B is SET and RECALL on the bending page).</param>
    public PedalFootswitches(GpioController controller, PinMap pins, FootswitchMap map, Action<FootswitchGesture> act, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(pins);
        ArgumentNullException.ThrowIfNull(map);
        _act = act;
        foreach (SwitchPin pin in pins.Footswitches)
        {
            if (!map.Footswitches.TryGetValue(pin.Name, out FootswitchGestures? gestures))
            {
                continue;
            }

            var options = new SwitchOptions
            {
                ActiveLow = pin.ActiveLow,
                // The control thread ticks every 10 ms; edges keep their own times, so a short stomp is never missed.
                Sampling = InputSampling.EdgeCallbacks,
                DoublePressWindow = gestures.DoublePress == PedalActions.None ? TimeSpan.Zero : SwitchOptions.Default.DoublePressWindow,
                LongPress = gestures.LongPress == PedalActions.None ? null : SwitchOptions.Default.LongPress,
            };
            // The map's names were checked when it was read; parsed once here, so a gesture carries no string.
            PedalAction press = Parse(gestures.Press), longPress = Parse(gestures.LongPress), doublePress = Parse(gestures.DoublePress);
            var sw = new MomentarySwitch(controller, pin.Gpio, options, clock);
            string name = pin.Name;
            sw.Gesture += (_, e) => OnGesture(new FootswitchGesture(name, e.Kind, e.Kind switch
            {
                SwitchEventKind.SinglePress => press,
                SwitchEventKind.LongPress => longPress,
                SwitchEventKind.DoublePress => doublePress,
                _ => PedalAction.None,
            }));
            _switches.Add(sw);
        }
    }

    /// <summary>Reads the switches and fires the actions of the gestures completed since the last call.</summary>
    public void Poll()
    {
        foreach (MomentarySwitch sw in _switches)
        {
            sw.Poll();
        }
    }

    public void Dispose()
    {
        foreach (MomentarySwitch sw in _switches)
        {
            sw.Dispose();
        }
    }

    private static PedalAction Parse(string name) =>
        PedalActionNames.TryParse(name, out PedalAction action) ? action : throw new ArgumentException($"\"{name}\" is not a footswitch action", nameof(name));

    private void OnGesture(FootswitchGesture gesture)
    {
        if (gesture.Action != PedalAction.None || gesture.Kind is SwitchEventKind.SinglePress or SwitchEventKind.LongPress)
        {
            _act(gesture);
        }
    }
}

/// <summary>A completed footswitch gesture: which switch, which gesture, and the action the controls map gives it.</summary>
public readonly record struct FootswitchGesture(string Switch, SwitchEventKind Kind, PedalAction Action);
