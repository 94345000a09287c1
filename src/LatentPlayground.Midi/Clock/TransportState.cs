namespace LatentPlayground.Midi.Clock;

/// <summary>What the display shows about a MIDI-clocked transport.</summary>
public enum TransportState
{
    /// <summary>Not playing: no Start or Continue yet, or a Stop since.</summary>
    Stopped,

    /// <summary>Playing and the clock is arriving.</summary>
    Running,

    /// <summary>Playing, but no clock for more than two beats: the tempo holds and the position waits.</summary>
    Lost,
}
