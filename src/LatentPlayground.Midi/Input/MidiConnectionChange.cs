namespace LatentPlayground.Midi.Input;

/// <summary>A MIDI input came or went.</summary>
/// <param name="Path">The device path, e.g. /dev/snd/midiC1D0.</param>
/// <param name="Connected">True when the device was opened, false when it went away or could not be opened.</param>
/// <param name="Reason">One line for the log and the display: "connected", "serial 31250 baud", "No such device", ...</param>
public readonly record struct MidiConnectionChange(string Path, bool Connected, string Reason)
{
    /// <summary>A sentence for the log: "MIDI input /dev/snd/midiC1D0: connected (serial 31250 baud)".</summary>
    public override string ToString() => (Connected, Reason) switch
    {
        (true, "connected") => $"MIDI input {Path}: connected",
        (true, _) => $"MIDI input {Path}: connected ({Reason})",
        (false, "stopped") => $"MIDI input {Path}: closed",
        _ => $"MIDI input {Path}: not connected ({Reason}); trying again every second",
    };
}
