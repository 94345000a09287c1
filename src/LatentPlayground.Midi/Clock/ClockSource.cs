namespace LatentPlayground.Midi.Clock;

/// <summary>
/// Where the tempo comes from. A plain value, so settings can store it; <see cref="ClockSourceNames"/> gives
/// the text form for files and the CLI.
/// </summary>
public enum ClockSource
{
    /// <summary>The tempo set on the pedal (or in a preset); the transport runs on its own.</summary>
    Internal,

    /// <summary>MIDI clock from a DAW or drum machine, followed by <see cref="ClockFollower"/>.</summary>
    Midi,

    /// <summary>Tempo tapped on a footswitch, from <see cref="TapTempo"/>.</summary>
    Tap,
}
