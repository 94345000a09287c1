using System.Device.I2c;
using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Ui;
using LatentPlayground.Hardware;
using LatentPlayground.Hardware.Adc;
using LatentPlayground.Hardware.Display;
using LatentPlayground.Hardware.Encoder;
using LatentPlayground.Hardware.Knobs;
using LatentPlayground.Hardware.Leds;
using LatentPlayground.Hardware.Pins;
using LatentPlayground.Hardware.Switches;
using LatentPlayground.Live;
using LatentPlayground.Pedal;

namespace LatentPlayground.Controls;

/// <summary>
/// The pedal's control surface on its buses: footswitches, encoder, knobs, expression pedal, LEDs and the
/// display, built from the pin map and driven by the controls map. It is a device poller and a view, and owns no
/// pedal state: <see cref="PollDevices"/> turns what the player did into <see cref="PedalEvent"/>s sent to the
/// <see cref="PedalReducer"/>; <see cref="Present"/> shows the reducer's state and the engine's published snapshot
/// on the LEDs and, at <see cref="FramesPerSecond"/>, the display. Its own state is the view's: the page, the
/// cursor, the model being chosen, soft takeover and the expression pedal's calibration in progress.
/// A device that cannot be opened or stops answering is a warning: the pedal plays on without it.
/// Thread: the control thread, for every member.
/// </summary>
public sealed class PedalSurface : IDisposable
{
    public const int FramesPerSecond = 25;
    private static readonly TimeSpan MessageTime = TimeSpan.FromSeconds(1.5);

    private readonly PedalReducer _state;
    private readonly Func<EngineSnapshot> _snapshot;
    private readonly LiveLog _log;
    private readonly TimeProvider _clock;
    private readonly ControlsMap _map;
    private readonly PanelNavigator _navigator = new(PanelLayout.Default);
    private readonly PanelRenderer _renderer = new(PanelLayout.Default);
    private readonly PedalFootswitches? _footswitches;
    private readonly RotaryEncoder? _encoder;
    private readonly List<Knob> _knobs = [];
    private readonly List<Ads1115Scanner> _scanners = [];
    private readonly List<Mcp3008> _converters = [];
    private ExpressionPedal? _expression;
    private readonly Dictionary<string, StatusLed> _leds = [];
    private readonly List<Led> _ledPins = [];
    private readonly Ssd1306? _display;
    private readonly ParameterId?[] _knobParameter;
    private readonly double[] _knobSent;
    private readonly double[] _knobBend;
    private double _expressionSent = double.NaN;
    private int _knobLayer;
    private int _modelChoice = -1;
    private long _nextFrame;
    private long _messageUntil;
    private long _noticesShown;
    private bool _displayFailed;

    public PedalSurface(PinMap pins, ControlsMap map, PedalBuses buses, PedalReducer state, Func<EngineSnapshot> snapshot, LiveLog log, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(pins);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(buses);
        ArgumentNullException.ThrowIfNull(state);
        _state = state;
        _snapshot = snapshot;
        _log = log;
        _map = map;
        _clock = clock ?? TimeProvider.System;
        View = new PanelView(state.Current);
        _noticesShown = state.NoticeCount;

        _footswitches = Try("footswitches", () => new PedalFootswitches(buses.Gpio, pins, map.Footswitches, OnFootswitch, _clock));
        _encoder = Try("encoder", () => OpenEncoder(buses, pins));
        OpenAnalog(pins, buses);
        foreach (LedPin led in pins.Leds)
        {
            Try($"LED {led.Name}", () =>
            {
                var pin = new Led(buses.Gpio, led.Gpio, led.ActiveHigh);
                _ledPins.Add(pin);
                _leds[led.Name] = new StatusLed(pin, _clock);
                return pin;
            });
        }

        if (state.Settings.Expression is PedalCalibration stored && _expression is not null)
        {
            _expression.SetCalibration(stored);
        }

        _display = Try("display", () =>
        {
            var display = new Ssd1306(buses.OpenI2c(pins.Display.I2cAddress));
            display.Initialize();
            return display;
        });
        _knobParameter = new ParameterId?[_knobs.Count];
        _knobSent = new double[_knobs.Count];
        _knobBend = new double[_knobs.Count];
        Array.Fill(_knobBend, double.NaN);
        if (_leds.TryGetValue("status", out StatusLed? status))
        {
            status.ShowTempo();
        }
    }

    /// <summary>What the display shows (for the simulator's panel and tests).</summary>
    public PanelView View { get; }

    /// <summary>The picture last drawn.</summary>
    public Framebuffer Frame { get; } = new();

    public ExpressionPedal? Expression => _expression;

    /// <summary>The LEDs by pin-map name, lit or not.</summary>
    public IEnumerable<(string Name, bool On)> Leds => _leds.Select(l => (l.Key, l.Value.IsOn));

    /// <summary>Frames drawn.</summary>
    public long Frames { get; private set; }

    /// <summary>
    /// The start of a control tick: reads the switches, encoder and converters, and sends what the player did to the
    /// reducer as events.
    /// </summary>
    public void PollDevices()
    {
        _footswitches?.Poll();
        _encoder?.Poll();
        for (int i = 0; i < _scanners.Count; i++)
        {
            try
            {
                _scanners[i].Poll();
                _warned.Remove("knob converter");
            }
            catch (IOException e)
            {
                Warn("knob converter", e);
            }
        }

        PollKnobs();
        PollExpression();
    }

    /// <summary>The end of a control tick: the LEDs and notices show the state, and a frame is drawn when one is due.</summary>
    public void Present()
    {
        if (_state.NoticeCount != _noticesShown && _state.Notice is string notice)
        {
            _noticesShown = _state.NoticeCount;
            Show(notice);
        }

        // Read every tick, not only per frame: the snapshot moves with each hop, and the tempo LED blinks from it.
        View.Engine = _snapshot();
        UpdateLeds();
        long now = _clock.GetTimestamp();
        if (now >= _nextFrame)
        {
            _nextFrame = now + (_clock.TimestampFrequency / FramesPerSecond);
            Draw(now);
        }
    }

    // A notice over the page for a moment.
    private void Show(string message)
    {
        View.Message = message;
        _messageUntil = _clock.GetTimestamp() + (long)(MessageTime.TotalSeconds * _clock.TimestampFrequency);
    }

    // Draws the view and sends the changed pages to the display.
    private void Draw(long now)
    {
        if (View.Message is not null && now >= _messageUntil)
        {
            View.Message = null;
        }

        View.Bpm = View.Engine.Tempo.Bpm;
        View.Clock = _state.ClockDisplay;
        View.PresetName = _state.Bank.CurrentEntry?.Preset.Name ?? "(no presets)";
        View.PresetNumber = _state.Bank.Count == 0 ? 0 : _state.Bank.Current + 1;
        View.Edited = _state.Edited;
        View.MidiChannel = _state.Settings.MidiChannel < 1 ? 0 : _state.Settings.MidiChannel;
        View.LearnTarget = _state.LearnTarget;
        View.ExpressionCalibrating = _expression?.IsCalibrating ?? false;
        View.ModelName = _state.Models?.Current.Name ?? "-";
        View.ModelLoading = _state.Models?.Busy ?? false;
        if (View.Page == PanelPage.Bending)
        {
            _state.DescribeBend(View.Bend);
        }
        else if (View.Page == PanelPage.Xy)
        {
            _state.DescribeXy(View.Xy);
        }
        else if (View.Page == PanelPage.Loop)
        {
            _state.DescribeLoop(View.Loop);
        }
        View.Frame = Frames++;
        _renderer.Render(View, Frame);
        if (_display is not null)
        {
            try
            {
                // After a failure the module may have lost power: it is initialised again before drawing.
                if (_displayFailed)
                {
                    _display.Initialize();
                    _displayFailed = false;
                    _warned.Remove("display");
                }

                _display.Flush(Frame.Bytes);
            }
            catch (IOException e)
            {
                Warn("display", e);
                _displayFailed = true;
            }
        }
    }

    // On the bending page footswitch B is SET (press) and RECALL (long press), as on the reference device; elsewhere,
    // and for the other switches, the controls map's action.
    private void OnFootswitch(FootswitchGesture g)
    {
        PedalAction action = View.Page == PanelPage.Bending && g.Switch == "B" && g.Kind is SwitchEventKind.SinglePress or SwitchEventKind.LongPress
            ? (g.Kind == SwitchEventKind.SinglePress ? PedalAction.BendSet : PedalAction.BendRecall)
            : g.Action;
        if (action != PedalAction.None)
        {
            _state.Handle(PedalEvent.Act(action, PedalInput.Footswitch));
        }
    }

    /// <summary>One encoder detent (the simulator's keys come here too, through the encoder's pins).</summary>
    private void OnTurn(EncoderTurnedEventArgs e) => Do(_navigator.Turn(View, e.Direction, e.Step));

    private void OnPush(SwitchEventArgs e)
    {
        if (e.Kind == SwitchEventKind.SinglePress)
        {
            PanelLevel before = View.Level;
            Do(_navigator.Push(View));
            if (before == PanelLevel.Row && View.Level == PanelLevel.Edit && _navigator.Selected(View) is { Kind: PanelRowKind.Setting, Setting: PanelSetting.Model })
            {
                BeginModelChoice();
            }
        }
        else if (e.Kind == SwitchEventKind.LongPress)
        {
            PanelNavigator.Back(View);
            EndModelChoice();
        }
    }

    private void Do(PanelCommand command)
    {
        switch (command.Kind)
        {
            case PanelCommandKind.SetParameter:
                _state.Handle(PedalEvent.Set(command.Parameter, command.Value, PedalInput.Encoder));
                break;
            case PanelCommandKind.FireAction:
                _state.Handle(PedalEvent.Fire(command.Parameter, PedalInput.Encoder));
                Show(ParameterTable.Get(command.Parameter).Label);
                break;
            case PanelCommandKind.ChangeSetting when command.Setting == PanelSetting.Model:
                StepModelChoice(command.Step);
                break;
            case PanelCommandKind.ChangeSetting:
                _state.Handle(PedalEvent.ChangeSetting(command.Setting, command.Step, PedalInput.Encoder));
                break;
            case PanelCommandKind.CommitSetting when command.Setting == PanelSetting.Model:
                ChooseModel();
                break;
            case PanelCommandKind.PushSetting when command.Setting == PanelSetting.MidiLearn:
                _state.Handle(PedalEvent.ToggleLearn(PedalInput.Encoder));
                break;
            case PanelCommandKind.PushSetting when PushAction(command.Setting) != PedalAction.None:
                _state.Handle(PedalEvent.Act(PushAction(command.Setting), PedalInput.Encoder));
                break;
            case PanelCommandKind.PushSetting when command.Setting is PanelSetting.BendStatistics or PanelSetting.XyLoss or PanelSetting.XyPoint or PanelSetting.XyGroups or PanelSetting.LoopPosition:
                break;
            case PanelCommandKind.PushSetting:
                Calibrate();
                break;
            default:
                break;
        }
    }

    // The rows whose push is a pedal action, as a footswitch or CC could send it.
    private static PedalAction PushAction(PanelSetting setting) => setting switch
    {
        PanelSetting.BendSet => PedalAction.BendSet,
        PanelSetting.BendRecall => PedalAction.BendRecall,
        PanelSetting.BendRevert => PedalAction.BendRevert,
        PanelSetting.BendReload => PedalAction.BendReload,
        PanelSetting.XyAdd => PedalAction.XyAdd,
        PanelSetting.XyUpdate => PedalAction.XyUpdate,
        PanelSetting.XyDelete => PedalAction.XyDelete,
        PanelSetting.XyTrain => PedalAction.XyTrain,
        PanelSetting.XyReset => PedalAction.XyReset,
        _ => PedalAction.None,
    };

    // The model row: editing starts on the model asked for last, turns step through the library (without
    // wrapping), and the push that ends editing loads the model shown. A long push leaves it as it was.
    private void BeginModelChoice()
    {
        if (_state.Models is not ModelSwitcher models)
        {
            Show("One model only");
            return;
        }

        _modelChoice = Math.Max(0, models.Library.IndexOf(models.Target));
        View.ModelChoice = models.Library.Entries[_modelChoice].Name;
    }

    private void StepModelChoice(int step)
    {
        if (_state.Models is not ModelSwitcher models || _modelChoice < 0)
        {
            return;
        }

        _modelChoice = Math.Clamp(_modelChoice + Math.Sign(step), 0, models.Library.Count - 1);
        View.ModelChoice = models.Library.Entries[_modelChoice].Name;
    }

    private void ChooseModel()
    {
        if (_state.Models is not null && _modelChoice >= 0)
        {
            _state.Handle(PedalEvent.ChooseModel(_modelChoice, PedalInput.Encoder));
        }

        EndModelChoice();
    }

    private void EndModelChoice()
    {
        _modelChoice = -1;
        View.ModelChoice = null;
    }

    private void Calibrate()
    {
        if (_expression is null)
        {
            Show("No expression\npedal wired");
        }
        else if (!_expression.IsCalibrating)
        {
            _expression.BeginCalibration();
        }
        else if (_expression.EndCalibration(reversed: false, out string problem))
        {
            // The player ends the rock at the toe: ending at the low code means the pot is wired the other way round.
            PedalCalibration learnt = _expression.Calibration;
            if (_expression.LastCode - learnt.MinCode < learnt.MaxCode - _expression.LastCode)
            {
                _expression.SetCalibration(learnt with { Reversed = true });
            }

            Show(_expression.Calibration.Reversed ? "Pedal calibrated\n(wired reversed)" : "Pedal calibrated");
            _state.Handle(PedalEvent.Calibrated(_expression.Calibration, PedalInput.Expression));
            _expressionSent = double.NaN;
        }
        else
        {
            _log.Warning($"expression pedal: {problem}");
            Show("Calibration failed\nrock heel to toe");
        }
    }

    // Each knob stands for the parameter the page (and, on layered pages, the cursor) gives it. Whenever that
    // parameter's value is not what the knob last sent — a page change, a preset recall, a MIDI or encoder move —
    // the knob is re-armed at that value and acts only once it passes it (soft takeover).
    private void PollKnobs()
    {
        if (_navigator.Selected(View) is PanelRow { Kind: PanelRowKind.Parameter } row && _map.Knobs.LayerOf(View.Page, row.Parameter) is int layer and >= 0)
        {
            _knobLayer = layer;
        }

        for (int k = 0; k < _knobs.Count; k++)
        {
            if (View.Page == PanelPage.Bending && k < BendKnobs.Length)
            {
                PollBendKnob(k);
                continue;
            }

            ParameterId? id = _map.Knobs.Assigned(View.Page, _knobLayer, k);
            Knob knob = _knobs[k];
            if (id is not ParameterId p)
            {
                _knobParameter[k] = null;
                _ = Read(knob);
                continue;
            }

            ParameterDescriptor d = ParameterTable.Get(p);
            double current = _state.Current[p];
            if (_knobParameter[k] != p || current != _knobSent[k])
            {
                _knobParameter[k] = p;
                _knobSent[k] = current;
                knob.Recall(d.ToNormalized(current));
            }

            if (Read(knob))
            {
                double value = d.FromNormalized(knob.Value);
                if (value != current)
                {
                    _knobSent[k] = value;
                    _state.Handle(PedalEvent.Set(p, value, PedalInput.Knob));
                }
            }
        }
    }

    // On the bending page knobs 1-3 are chaos, amount and scale, with the same soft takeover as parameters.
    private static readonly PanelSetting[] BendKnobs = [PanelSetting.BendChaos, PanelSetting.BendAmount, PanelSetting.BendScale];

    private void PollBendKnob(int k)
    {
        Knob knob = _knobs[k];
        double current = _state.BendKnobPosition(BendKnobs[k]);
        if (_knobParameter[k] is not null || _knobBend[k] != current)
        {
            _knobParameter[k] = null;
            _knobBend[k] = current;
            knob.Recall(current);
        }

        if (Read(knob) && knob.Value != current)
        {
            _knobBend[k] = knob.Value;
            _state.Handle(PedalEvent.BendKnob(BendKnobs[k], knob.Value, PedalInput.Knob));
        }
    }

    private void PollExpression()
    {
        if (_expression is null)
        {
            return;
        }

        ExpressionBinding binding = _map.Expression;
        double current = _state.Current[binding.Parameter];
        if (current != _expressionSent)
        {
            _expressionSent = current;
            _expression.Recall(binding.PositionOf(current));
        }

        if (Read(_expression))
        {
            double value = binding.ValueAt(_expression.Value);
            if (value != current)
            {
                _expressionSent = value;
                _state.Handle(PedalEvent.Set(binding.Parameter, value, PedalInput.Expression));
            }
        }
    }

    // A converter read directly (MCP3008 channels; the ADS1115s are scanned above) may fail on the bus: warned once
    // until it answers again, and the knob simply does not move this tick. (Two overloads, not a delegate: a
    // delegate per poll would allocate on every tick.)
    private bool Read(Knob knob)
    {
        try
        {
            return Answered(knob.Poll());
        }
        catch (IOException e)
        {
            Warn("knob converter", e);
            return false;
        }
    }

    private bool Read(ExpressionPedal pedal)
    {
        try
        {
            return Answered(pedal.Poll());
        }
        catch (IOException e)
        {
            Warn("knob converter", e);
            return false;
        }
    }

    private bool Answered(bool moved)
    {
        if (_warned.Count > 0)
        {
            _warned.Remove("knob converter");
        }

        return moved;
    }

    // A: the effect is on; B: latent freeze; C: the sound differs from the stored preset; status: the tempo.
    private void UpdateLeds()
    {
        if (_leds.Count == 0)
        {
            return;
        }

        double beats = View.Engine.Tempo.Beats;
        foreach ((string name, StatusLed led) in _leds)
        {
            switch (name)
            {
                case "A":
                    led.Show(!_state.Current.IsOn(ParameterId.Bypass));
                    break;
                case "B":
                    led.Show(_state.Current.IsOn(ParameterId.Freeze));
                    break;
                case "C":
                    led.Show(View.Edited);
                    break;
                default:
                    break;
            }

            try
            {
                led.Update(beats);
            }
            catch (IOException e)
            {
                Warn("LEDs", e);
            }
        }
    }

    private RotaryEncoder OpenEncoder(PedalBuses buses, PinMap pins)
    {
        var encoder = new RotaryEncoder(buses.Gpio, pins.Encoder.AGpio, pins.Encoder.BGpio, pins.Encoder.PushGpio,
            EncoderOptions.Default with
            {
                TransitionsPerDetent = pins.Encoder.TransitionsPerDetent,
                Sampling = InputSampling.EdgeCallbacks,
                Push = EncoderOptions.Default.Push with { Sampling = InputSampling.EdgeCallbacks },
            }, _clock);
        encoder.Turned += (_, e) => OnTurn(e);
        if (encoder.Push is MomentarySwitch push)
        {
            push.Gesture += (_, e) => OnPush(e);
        }

        return encoder;
    }

    private void OpenAnalog(PinMap pins, PedalBuses buses)
    {
        var channels = new Dictionary<(string Adc, int Channel), IAdcChannel>();
        foreach (AdcDevice adc in pins.Adcs)
        {
            Try($"ADC {adc.Name}", () =>
            {
                var inputs = pins.Knobs.Append(pins.Expression).Where(k => k?.Adc == adc.Name).Select(k => k!.Channel).ToArray();
                if (adc.Kind == AdcKind.Ads1115)
                {
                    var scanner = new Ads1115Scanner(new Ads1115(buses.OpenI2c(adc.I2cAddress!.Value)), inputs, adc.PotSupplyVolts);
                    _scanners.Add(scanner);
                    foreach (int input in inputs)
                    {
                        channels[(adc.Name, input)] = scanner.Channel(input);
                    }
                }
                else
                {
                    Func<int, System.Device.Spi.SpiDevice> open = buses.OpenSpi ?? throw new IOException("the pin map has no SPI bus");
                    var mcp = new Mcp3008(open(adc.ChipSelect!.Value));
                    _converters.Add(mcp);
                    foreach (int input in inputs)
                    {
                        channels[(adc.Name, input)] = new Mcp3008Channel(mcp, input, adc.PotSupplyVolts, adc.VrefVolts ?? 3.3);
                    }
                }

                return adc;
            });
        }

        foreach (AnalogInput knob in pins.Knobs)
        {
            if (channels.TryGetValue((knob.Adc, knob.Channel), out IAdcChannel? channel))
            {
                _knobs.Add(new Knob(channel));
            }
        }

        if (pins.Expression is AnalogInput e && channels.TryGetValue((e.Adc, e.Channel), out IAdcChannel? pedal))
        {
            _expression = new ExpressionPedal(pedal);
        }
    }

    private T? Try<T>(string what, Func<T> open)
        where T : class
    {
        try
        {
            return open();
        }
#pragma warning disable CA1031 // Whatever a missing or dead device throws, the pedal plays on without it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _log.Warning($"{what}: off ({e.Message}); the pedal plays on, MIDI and the other controls still work");
            return null;
        }
    }

    // A bus error while running: warned once per device until it answers again.
    private readonly HashSet<string> _warned = [];

    private void Warn(string what, IOException e)
    {
        if (_warned.Add(what))
        {
            _log.Warning($"{what}: {e.Message}; retrying");
        }
    }

    public void Dispose()
    {
        _footswitches?.Dispose();
        _encoder?.Dispose();
        foreach (Led led in _ledPins)
        {
            led.Dispose();
        }

        // The I2C and SPI devices go with their drivers (file descriptors on /dev/i2c-1 and /dev/spidev0.x).
        foreach (Ads1115Scanner scanner in _scanners)
        {
            scanner.Dispose();
        }

        foreach (Mcp3008 converter in _converters)
        {
            converter.Dispose();
        }

        _display?.Dispose();
    }
}
