namespace LatentPlayground.Midi.Input;

/// <summary>A MIDI input came or went.</summary>
/// <param name="Path">The device path, e.g. /dev/snd/midiC1D0.</param>
/// <param name="Connected">True when the device was opened, false when it went away or could not be opened.</param>
/// <param name="Reason">One line for the log and the display: "connected", "serial 31250 baud", "No such device", ...</param>
public readonly record struct MidiConnectionChange(string Path, bool Connected, string Reason);
