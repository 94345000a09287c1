namespace LatentPlayground.Audio.Wav;

/// <summary>
/// A WAV file could not be read or written. The message is one line, "file: problem", fit to show a
/// user as is. Derives from IOException so a caller that already handles I/O failures handles this too.
/// </summary>
public sealed class WavFileException : IOException
{
    public WavFileException()
    {
    }

    public WavFileException(string message)
        : base(message)
    {
    }

    public WavFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WavFileException(string fileName, string problem, Exception? innerException)
        : base($"{fileName}: {OneLine(problem)}", innerException)
    {
        FileName = fileName;
        Problem = OneLine(problem);
    }

    /// <summary>The file as the caller named it (or the name given for a stream).</summary>
    public string? FileName { get; }

    /// <summary>The problem alone, without the file name.</summary>
    public string? Problem { get; }

    // Problems can quote a system error text, and those occasionally span lines.
    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
