using LatentPlayground.Midi.Messages;

namespace LatentPlayground.Midi.Input;

/// <summary>A message and when its last byte arrived: a small plain value that travels through a queue.</summary>
/// <param name="Message">The parsed message.</param>
/// <param name="Time">Arrival time in seconds on the reader's <see cref="IMonotonicClock"/>.</param>
public readonly record struct MidiEvent(MidiMessage Message, double Time);
