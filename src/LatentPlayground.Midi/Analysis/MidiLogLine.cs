namespace LatentPlayground.Midi.Analysis;

/// <summary>One line of a MIDI monitor log: when the bytes arrived, and the bytes.</summary>
/// <param name="LineNumber">1-based line number in the file, for messages.</param>
/// <param name="Time">Arrival time in seconds.</param>
/// <param name="Bytes">The raw bytes, in order.</param>
public readonly record struct MidiLogLine(int LineNumber, double Time, byte[] Bytes);
