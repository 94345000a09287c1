using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Presets;
using LatentPlayground.Core.Realtime;
using LatentPlayground.Core.Tempo;
using LatentPlayground.Core.Ui;
using LatentPlayground.Midi.Clock;
using LatentPlayground.Midi.Input;
using LatentPlayground.Midi.Mapping;
using LatentPlayground.State;

namespace LatentPlayground.Live;

/// <summary>
/// The control side of a running pedal: the MIDI inputs (each on its own reader thread, reconnecting when
/// a USB device comes back), the CC/PC map, the preset bank, the model library and the settings that survive
/// a reboot. Control Change moves parameters and fires footswitch actions, Program Change recalls presets with
/// the engine's glitch-free switch, and every recall is remembered as the last preset. A preset that names
/// another model in the library swaps to it (<see cref="Models"/>); one that names a model the library lacks
/// says so once and plays on the current model.
/// Thread: the control thread, except the readers' own threads, which only fill their queues.
/// </summary>
public sealed class PedalControl : IDisposable
{
    private readonly SwappableEngine _engine;
    private readonly PresetBank _bank;
    private readonly SettingsWriter _writer;
    private readonly LiveLog _log;
    private readonly MidiMap _map;
    private readonly List<(MidiInputReader Reader, SpscQueue<MidiEvent> Queue)> _inputs = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _connectionNews = new();
    private readonly double[] _switchValues = new double[ParameterTable.Count];
    private readonly ParameterSet _current = new();
    private readonly ClockFollower _follower;
    private readonly TapTempo _tap;
    private readonly string _bankFolder;
    private readonly HashSet<string> _missingModelTold = [];

    // A MIDI flood (a wrong port, /dev/urandom) must not become thousands of recalls, log lines and file writes:
    // within one poll only the last preset asked for is recalled, and the settings are written at most once a
    // second (and at the end), which also spares the SD card.
    private bool _inPoll;
    private int _playingIndex;
    private readonly double[] _pendingValues = CreatePending();
    private PresetEntry? _pendingEntry;
    private int _pendingBadRecall = -1;
    private double _lastPresetSave = double.NegativeInfinity;

    private static double[] CreatePending()
    {
        var values = new double[ParameterTable.Count];
        Array.Fill(values, double.NaN);
        return values;
    }

    /// <summary>The shortest time between two preset saves from MIDI (the settings file has its writer's own interval).</summary>
    public const double MinSecondsBetweenWrites = 1;
    private ModelSwitcher? _models;
    private bool _wasLocked;
    private bool _wasLost;

    public PedalControl(LiveEngine engine, PresetBank bank, string bankFolder, PedalSettings settings, string stateFolder, IReadOnlyList<string> midiInputs, LiveLog log)
        : this(new SwappableEngine(engine), bank, bankFolder, settings, stateFolder, midiInputs, log)
    {
    }

    public PedalControl(SwappableEngine engine, PresetBank bank, string bankFolder, PedalSettings settings, string stateFolder, IReadOnlyList<string> midiInputs, LiveLog log)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(midiInputs);
        _engine = engine;
        _bank = bank;
        Settings = settings;
        _writer = new SettingsWriter(stateFolder);
        _log = log;
        _map = MidiMap.CreateDefault();
        _map.Channel = settings.MidiChannel == MidiMap.Omni ? MidiMap.Omni : settings.MidiChannel - 1;
        foreach ((int cc, CcBinding binding) in settings.LearnedCcs)
        {
            _map.Bind(cc, binding);
        }

        _follower = new ClockFollower(settings.Bpm);
        _tap = new TapTempo(settings.Bpm);
        _bankFolder = bankFolder;
        foreach (string path in midiInputs)
        {
            var queue = new SpscQueue<MidiEvent>(1024);
            var reader = new MidiInputReader(path, queue, change => _connectionNews.Enqueue(change.ToString()));
            _inputs.Add((reader, queue));
        }
    }

    public PedalSettings Settings { get; private set; }

    /// <summary>The engines this control side posts to (the current one, and the next one during a model swap).</summary>
    public SwappableEngine Engine => _engine;

    /// <summary>
    /// The model library and the swaps between its models; null when the pedal plays one model only. Setting it
    /// connects its notices to <see cref="Notify"/> and remembers each model that comes to play.
    /// </summary>
    public ModelSwitcher? Models
    {
        get => _models;
        set
        {
            _models = value;
            if (value is not null)
            {
                value.Notify = message => Notify?.Invoke(message);
                value.Swapped = RememberModel;
            }
        }
    }

    /// <summary>The parameters as the control side last sent them (the preset plus CC moves).</summary>
    public ParameterSet Current => _current;

    /// <summary>Starts the MIDI readers. A device missing now is retried every second; audio does not wait for it.</summary>
    public void Start(ParameterSet startingParameters)
    {
        ArgumentNullException.ThrowIfNull(startingParameters);
        _playingIndex = _bank.Current;
        startingParameters.CopyTo(_switchValues);
        for (int i = 0; i < _switchValues.Length; i++)
        {
            _current.Set((ParameterId)i, _switchValues[i]);
        }

        foreach ((MidiInputReader reader, _) in _inputs)
        {
            reader.Start();
        }
    }

    /// <summary>Handles what arrived since the last call. Never blocks.</summary>
    public void Poll()
    {
        _inPoll = true;
        try
        {
            PollInputs();
        }
        finally
        {
            _inPoll = false;
        }

        if (_pendingBadRecall >= 0)
        {
            _ = Recall(_pendingBadRecall);
            _pendingBadRecall = -1;
        }

        if (_pendingEntry is PresetEntry entry)
        {
            _pendingEntry = null;
            ApplyNow(entry);
        }

        PostPendingValues();

        if (_writer.TakeProblem() is string problem)
        {
            _log.Warning(problem);
        }

        _log.FlushSuppressed();
    }

    private void PostPendingValues()
    {
        for (int i = 0; i < _pendingValues.Length; i++)
        {
            if (!double.IsNaN(_pendingValues[i]))
            {
                _current.Set((ParameterId)i, _pendingValues[i]);
                _engine.Post(new ParameterChange((ParameterId)i, _pendingValues[i]));
                _pendingValues[i] = double.NaN;
            }
        }
    }

    private void PollInputs()
    {
        _models?.Poll(_current);
        while (_connectionNews.TryDequeue(out string? news))
        {
            _log.Notice(news);
        }

        foreach ((_, SpscQueue<MidiEvent> queue) in _inputs)
        {
            while (queue.TryDequeue(out MidiEvent e))
            {
                // Clock, Start, Stop, Continue and Song Position go to the follower whatever the clock source,
                // so switching the source to MIDI finds it already locked.
                if (_follower.Receive(e.Message, e.Time) || !_map.TryHandle(e.Message, out MidiMapEvent result))
                {
                    continue;
                }

                switch (result.Kind)
                {
                    case MidiMapEventKind.Parameter:
                        // The last value of each parameter in this poll is what counts: a flood of CCs cannot
                        // fill the engine's queue, and a preset recall still finds room.
                        _current.Set(result.Change.Id, result.Change.Value);
                        LastTouched = result.Change.Id;
                        _pendingValues[(int)result.Change.Id] = result.Change.Value;
                        break;
                    case MidiMapEventKind.Preset:
                        // A recall sets every parameter, so the values moved before it in this poll are moot.
                        Array.Fill(_pendingValues, double.NaN);
                        Recall(result.Number);
                        break;
                    case MidiMapEventKind.Action:
                        Act(result.Action!);
                        break;
                    case MidiMapEventKind.Learned:
                        _log.Notice($"MIDI learn: CC {result.Number} now drives {result.Learned.Describe()}");
                        Notify?.Invoke($"CC {result.Number} learnt");
                        Settings = Settings with { LearnedCcs = LearnedSinceDefault() };
                        RequestSave();
                        break;
                    default:
                        break;
                }
            }
        }

        FollowClock();
    }

    /// <summary>Short notices for the display (saved, clock lost, learnt); the log gets the full lines anyway.</summary>
    public Action<string>? Notify { get; set; }

    /// <summary>The bank, for the display's preset name and number.</summary>
    public PresetBank Bank => _bank;

    /// <summary>The parameter a knob, the encoder or a CC moved last: what MIDI learn binds.</summary>
    public ParameterId? LastTouched { get; private set; }

    /// <summary>The parameter MIDI learn waits to bind, while armed.</summary>
    public ParameterId? LearnTarget => _map.LearnTarget.Kind == CcBindingKind.Parameter ? _map.LearnTarget.Parameter : null;

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

    /// <summary>Sets one parameter from a knob or the encoder: remembered, and sent to the engine's queue.</summary>
    public bool SetParameter(ParameterId id, double value)
    {
        _current.Set(id, value);
        LastTouched = id;
        return _engine.Post(new ParameterChange(id, value));
    }

    /// <summary>Fires an action parameter (trigger, reset).</summary>
    public bool Fire(ParameterId id) => _engine.Post(new ParameterChange(id, 1));

    /// <summary>
    /// Moves a pedal setting from the settings page by <paramref name="step"/> detents: the clock source steps
    /// internal, midi, tap; the tempo moves 1 BPM a step (it sets the internal clock, and leaves tap or MIDI for it);
    /// the MIDI channel steps omni, 1..16. Saved at once.
    /// </summary>
    public void ChangeSetting(PanelSetting setting, int step)
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

    /// <summary>
    /// Loads <paramref name="entry"/> and swaps it in (the settings page's Model row); the sound's parameters carry
    /// over. False when it already plays (or is on its way) or there is no library.
    /// </summary>
    public bool ChooseModel(Library.ModelEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _models?.Request(entry) ?? false;
    }

    /// <summary>Keeps a new expression-pedal calibration across reboots.</summary>
    public void RememberExpression(Hardware.Knobs.PedalCalibration calibration)
    {
        Settings = Settings with { Expression = calibration };
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

    /// <summary>Arms MIDI learn for the parameter touched last (dry/wet before any), or disarms it.</summary>
    public void ToggleLearn()
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
        _engine.SetExternalClock(new ExternalClock(true, new TempoAnchor(bpm, Running: true, Moving: true, Position: beats, Time: StopwatchClock.Instance.Seconds, Limit: double.PositiveInfinity)));
    }

    /// <summary>The MIDI clock follower (tempo, transport, lost clock), for the display.</summary>
    public ClockFollower Clock => _follower;

    private void FollowClock()
    {
        _follower.Update(StopwatchClock.Instance.Seconds);
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
                Notify?.Invoke("MIDI clock lost");
            }

            _log.Notice(_follower.ClockLost
                ? $"MIDI clock lost; holding {_follower.Bpm.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} BPM"
                : _follower.Locked ? $"MIDI clock locked at {_follower.Bpm.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} BPM" : "MIDI clock: waiting for ticks");
        }
    }

    /// <summary>Recalls the preset at <paramref name="index"/> (Program Change n recalls index n) with a glitch-free switch.</summary>
    public bool Recall(int index)
    {
        if (!_bank.TrySelect(index, out PresetEntry? entry))
        {
            if (_inPoll)
            {
                _pendingBadRecall = index;
                return false;
            }

            _log.Warning($"preset {index}: the bank has {_bank.Count} presets (0..{_bank.Count - 1}); staying on the current one");
            return false;
        }

        Apply(entry!);
        return true;
    }

    /// <summary>A footswitch action by name, from a CC bound to it (the footswitches call the same).</summary>
    public void Act(string action)
    {
        switch (action)
        {
            case "next-preset":
                ApplyIfAny(_bank.Next());
                break;
            case "previous-preset":
                ApplyIfAny(_bank.Previous());
                break;
            case "bank-up":
                ApplyIfAny(_bank.BankUp());
                break;
            case "bank-down":
                ApplyIfAny(_bank.BankDown());
                break;
            case "bypass":
                Toggle(ParameterId.Bypass);
                break;
            case "trigger":
                _engine.Post(new ParameterChange(ParameterId.Trigger, 1));
                break;
            case "freeze":
                Toggle(ParameterId.Freeze);
                break;
            case "tap-tempo":
                Tap();
                break;
            case "save-preset":
                SaveCurrentPreset();
                break;
            default:
                _log.Info($"action {action}: not available from MIDI on this build");
                break;
        }
    }

    // Each tap sets the tempo (once two taps are in) and puts the downbeat on this tap: the clock source
    // becomes tap, and the engine follows an anchor at beat 0 now, as it follows MIDI clock.
    private void Tap()
    {
        double now = StopwatchClock.Instance.Seconds;
        if (!_tap.Tap(now))
        {
            return;
        }

        Settings = Settings with { ClockSource = ClockSource.Tap, Bpm = _tap.Bpm };
        _engine.SetExternalClock(new ExternalClock(true, new TempoAnchor(_tap.Bpm, Running: true, Moving: true, Position: 0, Time: now, Limit: double.PositiveInfinity)));
        _log.Info($"tap tempo {_tap.Bpm.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} BPM");
        RequestSave();
    }

    // Double press on C: the current preset, as it now sounds (knob and CC moves included), over its file.
    private void SaveCurrentPreset()
    {
        double now = StopwatchClock.Instance.Seconds;
        if (now - _lastPresetSave < MinSecondsBetweenWrites)
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
        var preset = new Preset { Name = entry.Preset.Name, Model = model, Parameters = _current.Clone(), Bending = entry.Preset.Bending, Xy = entry.Preset.Xy };
        try
        {
            string path = Presets.PresetFolder.Save(_bankFolder, entry.FileName, preset);
            _bank.Replace(_bank.Current, new PresetEntry(entry.FileName, preset));
            _log.Notice($"saved {path}");
            Notify?.Invoke($"Saved\n{entry.Preset.Name}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log.Warning($"{Path.Combine(_bankFolder, entry.FileName)}: not saved: {e.Message}; the old preset is intact");
            Notify?.Invoke("NOT saved\n(see the log)");
        }
    }

    // The writer thread does the fsync, at most once a second, and only the latest settings (SettingsWriter).
    private void RequestSave() => _writer.Request(Settings);

    /// <summary>Writes the settings (last preset, clock source, tempo, MIDI channel) now and waits for the disk: at shutdown.</summary>
    public void SaveState()
    {
        _writer.Request(Settings);
        _writer.Flush();
        if (_writer.TakeProblem() is string problem)
        {
            _log.Warning(problem);
        }
    }

    public void Dispose()
    {
        _writer.Dispose();

        foreach ((MidiInputReader reader, _) in _inputs)
        {
            reader.Dispose();
        }
    }

    private void ApplyIfAny(PresetEntry? entry)
    {
        if (entry is not null)
        {
            Apply(entry);
        }
    }

    private void Apply(PresetEntry entry)
    {
        if (_inPoll)
        {
            _pendingEntry = entry;
            _pendingBadRecall = -1;
            return;
        }

        ApplyNow(entry);
    }

    private void ApplyNow(PresetEntry entry)
    {
        entry.Preset.Parameters.CopyTo(_switchValues);
        if (!_engine.PostSwitch(_switchValues))
        {
            // Refused as a whole: the sound stays on the playing preset, so the bank's position and the control
            // side's values go back to it too (the display and the next "next preset" must not run ahead).
            _ = _bank.TrySelect(_playingIndex, out _);
            _log.Warning($"preset {entry.FileName}: the engine's queue is full; try again");
            return;
        }

        _playingIndex = _bank.Current;
        for (int i = 0; i < _switchValues.Length; i++)
        {
            _current.Set((ParameterId)i, _switchValues[i]);
        }

        _log.Notice($"preset {_bank.Current}: {entry.Preset.Name} ({entry.FileName})");
        Settings = Settings with { LastPreset = entry.FileName };
        RequestSave();
        FollowModel(entry);
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
            _models.Request(model);
            return;
        }

        if (_missingModelTold.Add(entry.FileName))
        {
            _log.Warning($"preset {entry.FileName}: its model \"{name}\" is not in the model library; playing it on {_models.Target.Name}");
            Notify?.Invoke($"Model missing\n{name}");
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

    private void Toggle(ParameterId id)
    {
        double next = _current.IsOn(id) ? 0 : 1;
        _current.Set(id, next);
        _engine.Post(new ParameterChange(id, next));
    }
}
