namespace LatentPlayground.Inference;

/// <summary>
/// A model package that cannot be used. The message is one line that names the file and what is
/// wrong with it, so the CLI and the pedal's display can show it as it is.
/// </summary>
public sealed class ModelPackageException : Exception
{
    public ModelPackageException()
    {
    }

    public ModelPackageException(string message)
        : base(OneLine(message))
    {
    }

    public ModelPackageException(string message, Exception innerException)
        : base(OneLine(message), innerException)
    {
    }

    /// <summary>Builds the "file: problem" message every validation error uses.</summary>
    public static ModelPackageException For(string path, string problem, Exception? inner = null) =>
        inner is null ? new ModelPackageException($"{path}: {problem}") : new ModelPackageException($"{path}: {problem}", inner);

    // ONNX Runtime and the JSON reader put line breaks in their messages; a package error stays one line.
    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
