namespace LatentPlayground.Audio.Alsa;

/// <summary>An ALSA call failed. <see cref="ErrorCode"/> is alsa-lib's negative errno, or 0 for a refusal
/// found by this code (for example, capture and playback settling on different periods). Thread: any.</summary>
public sealed class AlsaException : Exception
{
    public AlsaException()
    {
    }

    public AlsaException(string message)
        : base(message)
    {
    }

    public AlsaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AlsaException(int errorCode, string message)
        : base(message)
    {
        ErrorCode = errorCode;
    }

    public int ErrorCode { get; }
}
