namespace LatentPlayground.Core.Presets;

/// <summary>A preset that cannot be used. The message is one line naming the source and the bad field.</summary>
public sealed class PresetFormatException : FormatException
{
    public PresetFormatException()
    {
    }

    public PresetFormatException(string message)
        : base(message)
    {
    }

    public PresetFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
