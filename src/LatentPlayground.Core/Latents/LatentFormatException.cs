namespace LatentPlayground.Core.Latents;

/// <summary>
/// A latent file or array that cannot be used: one line saying what is wrong, without the path, which the
/// caller that knows it puts in front. Thrown by the codecs and by <see cref="LatentArray"/>'s checks.
/// </summary>
public sealed class LatentFormatException : Exception
{
    public LatentFormatException()
    {
    }

    public LatentFormatException(string message)
        : base(message)
    {
    }

    public LatentFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
