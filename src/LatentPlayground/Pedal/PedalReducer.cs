using System.Globalization;
using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Presets;
using LatentPlayground.Core.Tempo;
using LatentPlayground.Core.Ui;
using LatentPlayground.Live;
using LatentPlayground.Midi.Clock;
using LatentPlayground.Midi.Input;
using LatentPlayground.Midi.Mapping;
using LatentPlayground.State;

namespace LatentPlayground.Pedal;

/// <summary>
/// The one owner of the pedal's state: the parameters as the player set them, the bank position, the clock source
/// and tempo, the MIDI map and its learning, the settings that survive a reboot, and which model plays. Inputs
/// never change it directly: the surface's devices, polled on this thread, send <see cref="PedalEvent"/>s
/// (<see cref="Handle"/>), and the MIDI readers' messages, queued on their own threads, are handed over each tick
/// (<see cref="Receive"/>). Events change the state at once, in order; at the end of each <see cref="Tick"/> the
/// changes go out as three kinds of output:
/// <list type="bullet">
/// <item>engine commands, through the engines' inboxes, which reach both real-time threads or neither; a
/// preset recall is one switch message pointing at a preallocated snapshot, and the bank moves only once the
/// engine took it;</item>
/// <item>view updates: the state read by <see cref="Controls.PedalSurface"/>, and <see cref="Notice"/>;</item>
/// <item>persistence requests to the <see cref="PersistenceWriter"/>'s thread, which coalesces them.</item>
/// </list>
/// Within a tick, moves coalesce: each parameter's last value is sent once and only the last preset asked for is
/// recalled, so a MIDI flood cannot fill the engine's inbox or become thousands of recalls and log lines.
/// Thread: the control thread, for every member (after <see cref="ControlLoop"/> stops, the thread that joined it).
/// </summary>
public sealed partial class PedalReducer : IDisposable
{
    /// <summary>The shortest time between two preset saves (a CC bound to save, held on a flooding port).</summary>
    public const double MinSecondsBetweenSaves = 1;

    private readonly IEngineCommands _engine;
    private readonly PresetBank _bank;
    private readonly string _bankFolder;
    private readonly PersistenceWriter _writer;
    private readonly LiveLog _log;
    private readonly TimeProvider _clock;
    private readonly MidiMap _map;
    private readonly ClockFollower _follower;
    private readonly TapTempo _tap;
    private readonly ParameterSet _current = new();
    private readonly double[] _switchValues = new double[ParameterTable.Count];
    private readonly double[] _pendingValues = new double[ParameterTable.Count];
    private readonly HashSet<string> _missingModelTold = [];
    private int _playingIndex;
    private int _pendingRecall = -1;
    private int _pendingBadRecall = -1;
    private double _lastPresetSave = double.NegativeInfinity;
    private bool _wasLocked;
    private bool _wasLost;
    private ModelSwitcher? _models;

    public PedalReducer(IEngineCommands engine, PresetBank bank, string bankFolder, PedalSettings settings, PersistenceWriter writer, LiveLog log, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(writer);
        _engine = engine;
        _bank = bank;
        _bankFolder = bankFolder;
        Settings = settings;
        _writer = writer;
        _log = log;
        _clock = clock ?? TimeProvider.System;
        _map = MidiMap.CreateDefault();
        _map.Channel = settings.MidiChannel == MidiMap.Omni ? MidiMap.Omni : settings.MidiChannel - 1;
        foreach ((int cc, CcBinding binding) in settings.LearnedCcs)
        {
            _map.Bind(cc, binding);
        }

        _follower = new ClockFollower(settings.Bpm);
        _tap = new TapTempo(settings.Bpm);
        Array.Fill(_pendingValues, double.NaN);
    }

    public PedalSettings Settings { get; private set; }

    /// <summary>The parameters as the player set them: the preset plus every move since.</summary>
    public ParameterSet Current => _current;

    /// <summary>The bank, for the display's preset name and number.</summary>
    public PresetBank Bank => _bank;

    /// <summary>The parameter a knob, the encoder or a CC moved last: what MIDI learn binds.</summary>
    public ParameterId? LastTouched { get; private set; }

    /// <summary>The parameter MIDI learn waits to bind, while armed.</summary>
    public ParameterId? LearnTarget => _map.LearnTarget.Kind == CcBindingKind.Parameter ? _map.LearnTarget.Parameter : null;

    /// <summary>The MIDI clock follower (tempo, transport, lost clock), for the display.</summary>
    public ClockFollower Clock => _follower;

    /// <summary>The latest short notice for the display (saved, clock lost, learnt), and how many there were.</summary>
    public string? Notice { get; private set; }

    /// <summary>Counts notices, so the display shows each once even when two say the same.</summary>
    public long NoticeCount { get; private set; }

    /// <summary>Events of the kind the engine refused as a whole (its inbox full); the state stayed as it was.</summary>
    public long Refused { get; private set; }

    /// <summary>
    /// The model library and the swaps between its models; null when the pedal plays one model only. Setting it
    /// connects its notices and remembers each model that comes to play.
    /// </summary>
    public ModelSwitcher? Models
    {
        get => _models;
        set
        {
            _models = value;
            if (value is not null)
            {
                value.Notify = Show;
                value.Swapped = RememberModel;
            }
        }
    }

    /// <summary>True when the sound differs from the stored current preset.</summary>
    public bool Edited
    {
        get
        {
            if (_bank.CurrentEntry is not PresetEntry entry)
            {
                return false;
            }

            for (int i = 0; i < ParameterTable.Count; i++)
            {
                ParameterDescriptor d = ParameterTable.Get((ParameterId)i);
                if (d.Kind != ParameterKind.Action && entry.Preset.Parameters[d.Id] != _current[d.Id])
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Where the tempo comes from now, as the display shows it.</summary>
    public ClockDisplay ClockDisplay => Settings.ClockSource switch
    {
        ClockSource.Internal => ClockDisplay.Internal,
        ClockSource.Tap => ClockDisplay.Tap,
        _ => _follower.ClockLost ? ClockDisplay.MidiLost : _follower.Locked ? ClockDisplay.MidiLocked : ClockDisplay.MidiWaiting,
    };

    /// <summary>
    /// The state the pedal starts from: the preset (or defaults) the engine was prepared with, and the XY mapping kept
    /// in the state folder.
    /// </summary>
    public void Start(ParameterSet startingParameters)
    {
        ArgumentNullException.ThrowIfNull(startingParameters);
        _playingIndex = _bank.Current;
        startingParameters.CopyTo(_switchValues);
        for (int i = 0; i < _switchValues.Length; i++)
        {
            _current.Set((ParameterId)i, _switchValues[i]);
        }

        RestoreXy();
    }

    /// <summary>
    /// The end of a control tick, after the devices sent this tick's events: the model swap's progress, the MIDI
    /// that arrived, the clock; then what changed goes out (the engine, the persistence writer, the log).
    /// </summary>
    public void Tick(MidiInputs? midi = null)
    {
        _models?.Poll(_current);
        midi?.DrainInto(this);
        TickBending();
        TickXy();
        TickLoop();
        FollowClock();
        Commit();
        TellReports(show: true);
        _log.FlushSuppressed();
    }

    // What the writer did since: a line each in the log and, while playing, the short notice on the display.
    private void TellReports(bool show)
    {
        while (_writer.TakeReport(out PersistenceReport report))
        {
            if (report.Ok)
            {
                _log.Notice(report.Line);
            }
            else
            {
                _log.Warning(report.Line);
            }

            if (show && report.Display is string display)
            {
                Show(display);
            }
        }
    }

    /// <summary>One MIDI message from an input: clock and transport to the follower, the rest through the MIDI map.</summary>
    public void Receive(in MidiEvent e)
    {
        // Clock, Start, Stop, Continue and Song Position go to the follower whatever the clock source, so switching
        // the source to MIDI finds it already locked.
        if (_follower.Receive(e.Message, e.Time) || !_map.TryHandle(e.Message, out MidiMapEvent result))
        {
            return;
        }

        switch (result.Kind)
        {
            case MidiMapEventKind.Parameter:
                Handle(PedalEvent.Set(result.Change.Id, result.Change.Value, PedalInput.Midi));
                break;
            case MidiMapEventKind.Preset:
                Handle(PedalEvent.Recall(result.Number, PedalInput.Midi));
                break;
            case MidiMapEventKind.Action:
                if (PedalActionNames.TryParse(result.Action, out PedalAction action))
                {
                    Handle(PedalEvent.Act(action, PedalInput.Midi));
                }
                else
                {
                    _log.Info($"action {result.Action}: not available from MIDI on this build");
                }

                break;
            case MidiMapEventKind.Learned:
                _log.Notice($"MIDI learn: CC {result.Number} now drives {result.Learned.Describe()}");
                Show($"CC {result.Number} learnt");
                Settings = Settings with { LearnedCcs = LearnedSinceDefault() };
                RequestSave();
                break;
            default:
                break;
        }
    }

    /// <summary>Turns one event into state changes; what goes to the engine leaves at the end of the tick.</summary>
    public void Handle(in PedalEvent e)
    {
        switch (e.Kind)
        {
            case PedalEventKind.Action:
                Act(e.Action);
                break;
            case PedalEventKind.SetParameter:
                Set(e.Parameter, e.Value);
                LastTouched = e.Parameter;
                break;
            case PedalEventKind.FireParameter when e.Parameter == ParameterId.LoopCapture:
                CaptureLoop();
                break;
            case PedalEventKind.FireParameter:
                // Actions are momentary: a full inbox loses the press, as a missed stomp would.
                _ = _engine.Post(new ParameterChange(e.Parameter, 1));
                if (e.Parameter == ParameterId.Reset)
                {
                    _current.ResetModulators();
                }

                break;
            case PedalEventKind.Recall:
                Recall(e.Number);
                break;
            case PedalEventKind.ChangeSetting when e.Setting >= PanelSetting.XyPoint:
                ChangeXySetting(e.Setting, e.Number);
                break;
            case PedalEventKind.ChangeSetting when e.Setting >= PanelSetting.BendLayer:
                ChangeBendSetting(e.Setting, e.Number);
                break;
            case PedalEventKind.ChangeSetting:
                ChangeSetting(e.Setting, e.Number);
                break;
            case PedalEventKind.BendKnob:
                SetBendKnob(e.Setting, e.Value);
                break;
            case PedalEventKind.ToggleLearn:
                ToggleLearn();
                break;
            case PedalEventKind.ChooseModel:
                if (_models is not null && (uint)e.Number < (uint)_models.Library.Count)
                {
                    _ = _models.Request(_models.Library.Entries[e.Number]);
                }

                break;
            case PedalEventKind.ExpressionCalibrated:
                Settings = Settings with { Expression = e.Calibration };
                RequestSave();
                break;
            default:
                break;
        }
    }

    /// <summary>Writes the settings now and waits for the disk: at shutdown, once the control loop has stopped.</summary>
    public void SaveState()
    {
        _writer.Request(Settings);
        _writer.Flush();
        TellReports(show: false);
    }

    public void Dispose()
    {
        _xyTraining?.Dispose();
        _writer.Dispose();
    }

    private void Act(PedalAction action)
    {
        switch (action)
        {
            case PedalAction.NextPreset:
                Step(_bank.IndexAfter(RecallBase, 1));
                break;
            case PedalAction.PreviousPreset:
                Step(_bank.IndexAfter(RecallBase, -1));
                break;
            case PedalAction.BankUp:
                Step(_bank.IndexInBank(RecallBase, 1));
                break;
            case PedalAction.BankDown:
                Step(_bank.IndexInBank(RecallBase, -1));
                break;
            case PedalAction.Bypass:
                Set(ParameterId.Bypass, _current.IsOn(ParameterId.Bypass) ? 0 : 1);
                break;
            case PedalAction.Freeze:
                Set(ParameterId.Freeze, _current.IsOn(ParameterId.Freeze) ? 0 : 1);
                break;
            case PedalAction.Trigger:
                _ = _engine.Post(new ParameterChange(ParameterId.Trigger, 1));
                break;
            case PedalAction.TapTempo:
                Tap();
                break;
            case PedalAction.SavePreset:
                SaveCurrentPreset();
                break;
            case PedalAction.BendSet or PedalAction.BendRecall or PedalAction.BendRevert or PedalAction.BendReload:
                ActOnBend(action);
                break;
            case >= PedalAction.XyAdd and <= PedalAction.XyReset:
                ActOnXy(action);
                break;
            case PedalAction.LoopCapture:
                CaptureLoop();
                break;
            default:
                break;
        }
    }

    // Steps count from the recall this tick already asked for, so two presses in one tick move two presets.
    private int RecallBase => _pendingRecall >= 0 ? _pendingRecall : _playingIndex;

    private void Step(int index)
    {
        if (index >= 0)
        {
            Recall(index);
        }
    }

    // A recall sets every parameter, so the moves made before it in this tick are moot; those after it stay.
    private void Recall(int index)
    {
        if ((uint)index >= (uint)_bank.Count)
        {
            _pendingBadRecall = index;
            return;
        }

        Array.Fill(_pendingValues, double.NaN);
        _pendingRecall = index;
        _pendingBadRecall = -1;
    }

    private void Set(ParameterId id, double value)
    {
        _current.Set(id, value);
        _pendingValues[(int)id] = _current[id];
    }

    private double Now => _clock.GetTimestamp() / (double)_clock.TimestampFrequency;

    // The end of a tick: the recall asked for last, then each parameter's last move. A change the engine refuses
    // (its inbox full) leaves the state as the engine has it: the bank does not move and the value waits for the
    // next tick.
    private void Commit()
    {
        if (_pendingBadRecall >= 0)
        {
            _log.Warning($"preset {_pendingBadRecall}: the bank has {_bank.Count} presets (0..{_bank.Count - 1}); staying on the current one");
            _pendingBadRecall = -1;
        }

        if (_pendingRecall >= 0)
        {
            int index = _pendingRecall;
            _pendingRecall = -1;
            ApplyPreset(index);
        }

        for (int i = 0; i < _pendingValues.Length; i++)
        {
            double value = _pendingValues[i];
            if (double.IsNaN(value))
            {
                continue;
            }

            // A move made after this tick's recall stands over the preset's value.
            _current.Set((ParameterId)i, value);
            if (!_engine.Post(new ParameterChange((ParameterId)i, value)))
            {
                Refused++;
                return;
            }

            _pendingValues[i] = double.NaN;
        }
    }

    private void ApplyPreset(int index)
    {
        PresetEntry entry = _bank.Entries[index];
        entry.Preset.Parameters.CopyTo(_switchValues);
        if (!_engine.PostSwitch(_switchValues))
        {
            Refused++;
            _log.Warning($"preset {entry.FileName}: the engine's inbox is full; staying on the current preset, try again");
            return;
        }

        _ = _bank.TrySelect(index, out _);
        _playingIndex = index;
        for (int i = 0; i < _switchValues.Length; i++)
        {
            _current.Set((ParameterId)i, _switchValues[i]);
        }

        _log.Notice($"preset {index}: {entry.Preset.Name} ({entry.FileName})");
        Settings = Settings with { LastPreset = entry.FileName };
        RequestSave();
        FollowModel(entry);
        if (entry.Preset.Bending is string bending)
        {
            LoadPresetBend(bending);
        }

        // A preset without a mapping leaves the one being built: switching presets must not lose the player's points.
        if (entry.Preset.Xy is string xy)
        {
            LoadPresetXy(xy);
        }

        // The same for the looper's material: a preset without any leaves the loop alone.
        if (entry.Preset.Latents is string latents)
        {
            LoadPresetLatents(latents);
        }
    }

    // A preset that names a model plays on it: the preset's values go to the current engine at once (as any
    // recall), and the named model loads and swaps in with them. A model the library lacks is said once per preset.
    private void FollowModel(PresetEntry entry)
    {
        if (_models is null || entry.Preset.Model is not string name || name == _models.Target.Name)
        {
            return;
        }

        if (_models.Library.Find(name) is Library.ModelEntry model)
        {
            _ = _models.Request(model);
            return;
        }

        if (_missingModelTold.Add(entry.FileName))
        {
            _log.Warning($"preset {entry.FileName}: its model \"{name}\" is not in the model library; playing it on {_models.Target.Name}");
            Show($"Model missing\n{name}");
        }
    }

    // The model that plays now is the one to start on after a restart (null: the default).
    private void RememberModel(Library.ModelEntry entry)
    {
        string? name = _models is not null && ReferenceEquals(entry, _models.Library.Default) ? null : entry.Name;
        if (Settings.Model != name)
        {
            Settings = Settings with { Model = name };
            RequestSave();
        }
    }

    // The clock source steps internal, midi, tap; the tempo moves 1 BPM a detent (it sets the internal clock, and
    // leaves tap or MIDI for it); the MIDI channel steps omni, 1..16.
    private void ChangeSetting(PanelSetting setting, int step)
    {
        switch (setting)
        {
            case PanelSetting.ClockSource:
                var source = (ClockSource)Math.Clamp((int)Settings.ClockSource + Math.Sign(step), 0, 2);
                Settings = Settings with { ClockSource = source };
                if (source != ClockSource.Midi)
                {
                    RunOwnClock(Settings.Bpm);
                }

                break;
            case PanelSetting.Tempo:
                double bpm = Math.Clamp(Math.Round(Settings.Bpm) + step, TempoClock.MinBpm, TempoClock.MaxBpm);
                Settings = Settings with { ClockSource = Settings.ClockSource == ClockSource.Midi ? ClockSource.Internal : Settings.ClockSource, Bpm = bpm };
                RunOwnClock(bpm);
                break;
            case PanelSetting.MidiChannel:
                int channel = Settings.MidiChannel == MidiMap.Omni ? 0 : Settings.MidiChannel;
                channel = Math.Clamp(channel + Math.Sign(step), 0, 16);
                Settings = Settings with { MidiChannel = channel == 0 ? MidiMap.Omni : channel };
                _map.Channel = channel == 0 ? MidiMap.Omni : channel - 1;
                break;
            default:
                return;
        }

        RequestSave();
    }

    // What learning changed, as the CCs whose binding differs from the default map.
    private Dictionary<int, CcBinding> LearnedSinceDefault()
    {
        MidiMap defaults = MidiMap.CreateDefault();
        var changed = new Dictionary<int, CcBinding>();
        for (int cc = 0; cc <= MidiMap.MaxCc; cc++)
        {
            if (_map.GetBinding(cc) != defaults.GetBinding(cc))
            {
                changed[cc] = _map.GetBinding(cc);
            }
        }

        return changed;
    }

    // Arms MIDI learn for the parameter touched last (dry/wet before any), or disarms it.
    private void ToggleLearn()
    {
        if (_map.IsLearning)
        {
            _map.CancelLearn();
            return;
        }

        _map.ArmLearn(LastTouched ?? ParameterId.DryWet);
        _log.Info($"MIDI learn armed for {ParameterTable.Get(LastTouched ?? ParameterId.DryWet).Name}: move a CC");
    }

    // The internal and tap clocks run on an anchor from the beat the engine is at, so a tempo change
    // does not move the downbeat.
    private void RunOwnClock(double bpm)
    {
        double beats = _engine.ReadSnapshot().Tempo.Beats;
        _engine.SetExternalClock(new ExternalClock(true, new TempoAnchor(bpm, Running: true, Moving: true, Position: beats, Time: Now, Limit: double.PositiveInfinity)));
    }

    private void FollowClock()
    {
        _follower.Update(Now);
        if (Settings.ClockSource == ClockSource.Midi)
        {
            _engine.SetExternalClock(new ExternalClock(true, _follower.Anchor));
        }

        if (_follower.Locked != _wasLocked || _follower.ClockLost != _wasLost)
        {
            _wasLocked = _follower.Locked;
            _wasLost = _follower.ClockLost;
            if (_follower.ClockLost && Settings.ClockSource == ClockSource.Midi)
            {
                Show("MIDI clock lost");
            }

            _log.Notice(_follower.ClockLost
                ? $"MIDI clock lost; holding {_follower.Bpm.ToString("0.0", CultureInfo.InvariantCulture)} BPM"
                : _follower.Locked ? $"MIDI clock locked at {_follower.Bpm.ToString("0.0", CultureInfo.InvariantCulture)} BPM" : "MIDI clock: waiting for ticks");
        }
    }

    // Each tap sets the tempo (once two taps are in) and puts the downbeat on this tap: the clock source
    // becomes tap, and the engine follows an anchor at beat 0 now, as it follows MIDI clock.
    private void Tap()
    {
        double now = Now;
        if (!_tap.Tap(now))
        {
            return;
        }

        Settings = Settings with { ClockSource = ClockSource.Tap, Bpm = _tap.Bpm };
        _engine.SetExternalClock(new ExternalClock(true, new TempoAnchor(_tap.Bpm, Running: true, Moving: true, Position: 0, Time: now, Limit: double.PositiveInfinity)));
        _log.Info($"tap tempo {_tap.Bpm.ToString("0.0", CultureInfo.InvariantCulture)} BPM");
        RequestSave();
    }

    // The current preset, as it now sounds (knob and CC moves included), over its file: the bank holds it at once,
    // and the writer thread puts it on disk and reports how that went.
    private void SaveCurrentPreset()
    {
        double now = Now;
        if (now - _lastPresetSave < MinSecondsBetweenSaves)
        {
            _log.Warning("save: ignored, the last save was less than a second ago");
            return;
        }

        _lastPresetSave = now;
        if (_bank.CurrentEntry is not PresetEntry entry)
        {
            _log.Warning("save: the bank is empty; save a first preset with `latentplayground preset save`");
            return;
        }

        // The preset names the model it now sounds on, so recalling it brings that model back.
        string? model = _models is null ? entry.Preset.Model : _models.Current.Name;
        // A bend playing is saved beside the preset and named by it; with none, the preset keeps the bend it named.
        string? bending = SaveBendFor(entry.FileName) ?? entry.Preset.Bending;
        // The mapping is saved as it is (with points) beside the preset; a mapping cleared by RESET leaves the preset none.
        string? xy = SaveXyFor(entry.FileName);
        string? latents = SaveLatentsFor(entry.FileName) ?? entry.Preset.Latents;
        var preset = new Preset { Name = entry.Preset.Name, Model = model, Parameters = _current.Clone(), Bending = bending, Xy = xy, Latents = latents };
        _bank.Replace(_bank.Current, new PresetEntry(entry.FileName, preset));
        _writer.RequestPreset(_bankFolder, entry.FileName, preset);
    }

    private void RequestSave() => _writer.Request(Settings);

    private void Show(string message)
    {
        Notice = message;
        NoticeCount++;
    }
}
