namespace LatentPlayground.Core.Bending;

/// <summary>A bend configuration that cannot be used, with one line naming the file, the field and the problem.</summary>
public sealed class BendFormatException : Exception
{
    public BendFormatException()
    {
    }

    public BendFormatException(string message)
        : base(message)
    {
    }

    public BendFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
