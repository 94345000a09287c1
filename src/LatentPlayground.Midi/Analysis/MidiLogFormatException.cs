namespace LatentPlayground.Midi.Analysis;

/// <summary>A MIDI log line that cannot be read. The message is one line: "FILE:LINE: problem".</summary>
public sealed class MidiLogFormatException : FormatException
{
    public MidiLogFormatException()
    {
    }

    public MidiLogFormatException(string message)
        : base(message)
    {
    }

    public MidiLogFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
