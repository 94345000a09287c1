using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Midi.Messages;

namespace LatentPlayground.Midi.Mapping;

/// <summary>
/// What incoming Control Change and Program Change messages do: PC recalls a preset, each CC drives a
/// parameter of the table or fires a footswitch action, and MIDI learn binds the next CC to a chosen target.
/// One receive channel (or omni) filters both, as on most pedals, so a pedal on its own channel ignores
/// messages meant for the synths around it.
/// <list type="bullet">
/// <item>Continuous, whole and choice parameters: value 0..127 maps through the parameter's taper,
/// <c>FromNormalized(value / 127)</c>, so the whole range is reachable from a controller.</item>
/// <item>Toggles: on at 64 and above, off below (the MIDI convention for switch controllers).</item>
/// <item>Actions (parameter actions such as trigger, and footswitch actions) fire once when the value rises
/// through 64, so a controller that sends 127 then 0 per press fires once per press.</item>
/// </list>
/// Allocation-free while handling messages. Thread: the control thread (MIDI drain and the settings page); not
/// thread-safe.
/// </summary>
public sealed class MidiMap
{
    /// <summary>Value of <see cref="Channel"/> that listens on all sixteen channels.</summary>
    public const int Omni = -1;

    /// <summary>Highest bindable CC: 120..127 are the channel mode messages (all notes off, reset, ...).</summary>
    public const int MaxCc = 119;

    private readonly CcBinding[] _bindings = new CcBinding[MaxCc + 1];

    // The last value seen per CC, to find rising edges through 64 for actions.
    private readonly byte[] _lastValue = new byte[MaxCc + 1];
    private int _channel = Omni;

    /// <summary>The receive channel, 0..15 (shown as 1..16), or <see cref="Omni"/>. Thread: the control thread.</summary>
    public int Channel
    {
        get => _channel;
        set
        {
            if (value != Omni && value is < 0 or > 15)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "channel must be 0..15 or Omni");
            }

            _channel = value;
        }
    }

    /// <summary>The target MIDI learn will bind to the next CC; <see cref="CcBinding.None"/> when not armed.</summary>
    public CcBinding LearnTarget { get; private set; }

    public bool IsLearning => LearnTarget.Kind != CcBindingKind.None;

    /// <summary>
    /// The default map: omni, each parameter on its <see cref="ParameterDescriptor.DefaultCc"/>, no actions.
    /// Thread: any; the new map then belongs to the control thread.
    /// </summary>
    public static MidiMap CreateDefault()
    {
        var map = new MidiMap();
        foreach (ParameterDescriptor d in ParameterTable.All)
        {
            map._bindings[d.DefaultCc] = CcBinding.ForParameter(d.Id);
        }

        return map;
    }

    /// <summary>What CC <paramref name="cc"/> (0..119) drives. Thread: the control thread.</summary>
    public CcBinding GetBinding(int cc) => _bindings[CheckCc(cc)];

    /// <summary>The lowest CC bound to <paramref name="id"/>, or -1, for the display. Thread: the control thread.</summary>
    public int FindCc(ParameterId id)
    {
        for (int cc = 0; cc <= MaxCc; cc++)
        {
            if (_bindings[cc].Kind == CcBindingKind.Parameter && _bindings[cc].Parameter == id)
            {
                return cc;
            }
        }

        return -1;
    }

    /// <summary>Binds CC <paramref name="cc"/>, replacing what it drove. Thread: the control thread.</summary>
    public void Bind(int cc, CcBinding binding) => _bindings[CheckCc(cc)] = binding;

    /// <summary>Leaves CC <paramref name="cc"/> driving nothing. Thread: the control thread.</summary>
    public void Unbind(int cc) => Bind(cc, CcBinding.None);

    /// <summary>Arms MIDI learn for a parameter: the next CC on the receive channel is bound to it. Thread: the control thread.</summary>
    public void ArmLearn(ParameterId id)
    {
        if ((int)id < 0 || (int)id >= ParameterTable.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, "not a parameter");
        }

        LearnTarget = CcBinding.ForParameter(id);
    }

    /// <summary>Arms MIDI learn for a footswitch action. Thread: the control thread.</summary>
    public void ArmLearn(string action) => LearnTarget = CcBinding.ForAction(action);

    /// <summary>Disarms MIDI learn (the settings page was left). Thread: the control thread.</summary>
    public void CancelLearn() => LearnTarget = CcBinding.None;

    /// <summary>
    /// Applies one received message. Returns true with what it meant; false for messages the map does not use
    /// (other channels, notes, clock, unbound CCs, a CC that does not fire its action). Thread: the control thread.
    /// </summary>
    public bool TryHandle(in MidiMessage message, out MidiMapEvent result)
    {
        result = default;
        if (message.Kind is not (MidiMessageKind.ControlChange or MidiMessageKind.ProgramChange)
            || (_channel != Omni && message.Channel != _channel))
        {
            return false;
        }

        if (message.Kind == MidiMessageKind.ProgramChange)
        {
            result = new MidiMapEvent(MidiMapEventKind.Preset, default, null, message.Data1, default);
            return true;
        }

        int cc = message.Data1;
        if (cc > MaxCc)
        {
            return false;
        }

        byte value = message.Data2;
        bool rising = value >= 64 && _lastValue[cc] < 64;
        _lastValue[cc] = value;

        if (IsLearning)
        {
            result = new MidiMapEvent(MidiMapEventKind.Learned, default, null, cc, Learn(cc));
            return true;
        }

        CcBinding binding = _bindings[cc];
        switch (binding.Kind)
        {
            case CcBindingKind.Parameter:
                return TryParameter(binding.Parameter, cc, value, rising, out result);
            case CcBindingKind.Action when rising:
                result = new MidiMapEvent(MidiMapEventKind.Action, default, binding.Action, cc, default);
                return true;
            default:
                return false;
        }
    }

    // Learn moves the target here: the CC loses what it drove, and the target loses its other CCs, so the
    // settings page can show one CC per parameter and an old controller does not keep driving it unseen.
    private CcBinding Learn(int cc)
    {
        CcBinding target = LearnTarget;
        for (int other = 0; other <= MaxCc; other++)
        {
            if (_bindings[other] == target)
            {
                _bindings[other] = CcBinding.None;
            }
        }

        _bindings[cc] = target;
        LearnTarget = CcBinding.None;
        return target;
    }

    private static bool TryParameter(ParameterId id, int cc, byte value, bool rising, out MidiMapEvent result)
    {
        ParameterDescriptor d = ParameterTable.Get(id);
        double v;
        switch (d.Kind)
        {
            case ParameterKind.Toggle:
                v = value >= 64 ? 1 : 0;
                break;
            case ParameterKind.Action:
                if (!rising)
                {
                    result = default;
                    return false;
                }

                v = 1;
                break;
            default:
                v = d.FromNormalized(value / 127.0);
                break;
        }

        result = new MidiMapEvent(MidiMapEventKind.Parameter, new ParameterChange(id, v), null, cc, default);
        return true;
    }

    private static int CheckCc(int cc)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cc);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cc, MaxCc);
        return cc;
    }
}
