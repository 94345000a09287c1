namespace LatentPlayground.Hardware.Pins;

/// <summary>A pin map that cannot be used. The message is one line: the file, the field's path, the problem.</summary>
public sealed class PinMapFormatException : FormatException
{
    /// <summary>Creates the exception. Thread: any.</summary>
    public PinMapFormatException()
    {
    }

    /// <summary>Creates the exception with its one-line message. Thread: any.</summary>
    public PinMapFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its one-line message and cause. Thread: any.</summary>
    public PinMapFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
