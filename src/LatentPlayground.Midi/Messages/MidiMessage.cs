namespace LatentPlayground.Midi.Messages;

/// <summary>
/// One parsed MIDI message: a small plain value, copied freely between threads.
/// </summary>
/// <param name="Kind">What the message is.</param>
/// <param name="Channel">0..15 for channel messages (MIDI channel 1..16 on a device's display); 0 otherwise.</param>
/// <param name="Data1">First data byte (0..127), 0 when the message has none.</param>
/// <param name="Data2">Second data byte (0..127), 0 when the message has none.</param>
public readonly record struct MidiMessage(MidiMessageKind Kind, byte Channel, byte Data1, byte Data2)
{
    /// <summary>
    /// The two data bytes as one 14-bit number, least significant seven bits first: the sixteenth notes of a
    /// Song Position Pointer, the value of a Pitch Bend.
    /// </summary>
    public int Value14 => Data1 | (Data2 << 7);

    /// <summary>True for the one-byte system real-time messages (F8..FF), which may arrive inside any other.</summary>
    public bool IsRealtime => Kind is MidiMessageKind.Clock or MidiMessageKind.Start or MidiMessageKind.Continue
        or MidiMessageKind.Stop or MidiMessageKind.ActiveSensing or MidiMessageKind.Reset;
}
