namespace LatentPlayground.Files;

/// <summary>
/// A file given as input is not something the program may read: missing, not a regular file, too large,
/// unreadable. Bad input (exit code 2), with a message that names the path and the problem. An IOException, so
/// the places that skip a bad file among many (a preset bank) skip this one too.
/// </summary>
public sealed class InputFileException : IOException
{
    public InputFileException(string path, string problem)
        : base($"{Shown(path)}: {problem}")
    {
        Path = path;
        Problem = problem;
    }

    public InputFileException()
    {
        Path = Problem = "";
    }

    public InputFileException(string message, Exception inner)
        : base(message, inner)
    {
        Path = Problem = "";
    }

    // A 5,000-character path would make a message nobody reads; its start says which one it is.
    private static string Shown(string path) => path.Length switch
    {
        0 => "\"\"",
        > 120 => path[..100] + "…",
        _ => path,
    };

    /// <summary>The path as the user gave it.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it, without the path.</summary>
    public string Problem { get; }
}
