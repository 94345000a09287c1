namespace LatentPlayground.Midi.Messages;

/// <summary>What a parsed MIDI message is. Channel messages carry a channel; the others do not.</summary>
public enum MidiMessageKind
{
    /// <summary>Never produced by the parser; the default of an empty message.</summary>
    None,

    /// <summary>Data1 = note, Data2 = release velocity. A Note On with velocity 0 is reported as this.</summary>
    NoteOff,

    /// <summary>Data1 = note, Data2 = velocity (1..127).</summary>
    NoteOn,

    /// <summary>Data1 = note, Data2 = pressure.</summary>
    PolyPressure,

    /// <summary>Data1 = controller number, Data2 = value.</summary>
    ControlChange,

    /// <summary>Data1 = program number.</summary>
    ProgramChange,

    /// <summary>Data1 = pressure.</summary>
    ChannelPressure,

    /// <summary>14-bit value in <see cref="MidiMessage.Value14"/>, 8192 = centre.</summary>
    PitchBend,

    /// <summary>MIDI Time Code quarter frame; Data1 = the piece and its value.</summary>
    TimeCodeQuarterFrame,

    /// <summary>Song Position Pointer: <see cref="MidiMessage.Value14"/> counts sixteenth notes from the top.</summary>
    SongPosition,

    /// <summary>Data1 = song number.</summary>
    SongSelect,

    TuneRequest,

    /// <summary>Timing clock (F8): 24 per quarter note.</summary>
    Clock,

    /// <summary>Start (FA): play from the top at the next clock.</summary>
    Start,

    /// <summary>Continue (FB): play from the current song position at the next clock.</summary>
    Continue,

    /// <summary>Stop (FC).</summary>
    Stop,

    /// <summary>Active sensing (FE).</summary>
    ActiveSensing,

    /// <summary>System reset (FF).</summary>
    Reset,
}
