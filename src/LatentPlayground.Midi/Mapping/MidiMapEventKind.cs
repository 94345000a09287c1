namespace LatentPlayground.Midi.Mapping;

/// <summary>What a received message meant to the map.</summary>
public enum MidiMapEventKind
{
    None,

    /// <summary>A parameter changes: <see cref="MidiMapEvent.Change"/>.</summary>
    Parameter,

    /// <summary>A footswitch action fires: <see cref="MidiMapEvent.Action"/>.</summary>
    Action,

    /// <summary>Program Change: recall preset <see cref="MidiMapEvent.Number"/> (0..127).</summary>
    Preset,

    /// <summary>MIDI learn finished: CC <see cref="MidiMapEvent.Number"/> is now bound to <see cref="MidiMapEvent.Learned"/>.</summary>
    Learned,
}
