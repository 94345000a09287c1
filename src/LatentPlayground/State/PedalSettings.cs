using LatentPlayground.Hardware.Knobs;
using LatentPlayground.Midi.Clock;
using LatentPlayground.Midi.Mapping;

namespace LatentPlayground.State;

/// <summary>
/// What the pedal remembers across a reboot besides the presets themselves: the last recalled preset,
/// the model playing, the clock source and the internal tempo, and the MIDI receive channel. Saved when
/// the pedal stops and whenever they change, restored at boot.
/// </summary>
public sealed record PedalSettings
{
    /// <summary>File name (in the bank) of the last recalled preset; null before any.</summary>
    public string? LastPreset { get; init; }

    /// <summary>The name of the model last swapped in (a model library entry); null for the default model.</summary>
    public string? Model { get; init; }

    public ClockSource ClockSource { get; init; } = ClockSource.Internal;

    /// <summary>The tempo of the internal clock.</summary>
    public double Bpm { get; init; } = 120;

    /// <summary>1..16, or <see cref="MidiMap.Omni"/>.</summary>
    public int MidiChannel { get; init; } = MidiMap.Omni;

    /// <summary>The CCs whose binding MIDI learn moved away from the default map, with what they drive now.</summary>
    public IReadOnlyDictionary<int, CcBinding> LearnedCcs { get; init; } = new Dictionary<int, CcBinding>();

    /// <summary>The expression pedal's learnt travel; null before a calibration.</summary>
    public PedalCalibration? Expression { get; init; }
}
