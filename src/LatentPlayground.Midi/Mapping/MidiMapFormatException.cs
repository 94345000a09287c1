namespace LatentPlayground.Midi.Mapping;

/// <summary>A MIDI map file that cannot be used. The message is one line naming the source and the bad field.</summary>
public sealed class MidiMapFormatException : FormatException
{
    public MidiMapFormatException()
    {
    }

    public MidiMapFormatException(string message)
        : base(message)
    {
    }

    public MidiMapFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
