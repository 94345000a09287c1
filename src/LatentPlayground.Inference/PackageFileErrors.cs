using System.Text.Json;
using LatentPlayground.Core.Json;

namespace LatentPlayground.Inference;

/// <summary>
/// A package file's problems as <see cref="ModelPackageException"/> lines in the package's own words:
/// <c>model.json: "hop" must be a positive integer, found "2048"</c>. Thread: the loading thread.
/// </summary>
internal sealed class PackageFileErrors(string path) : FieldErrors(path)
{
    public override Exception NotAnObject() => Whole("the top level must be a JSON object");

    public override Exception WrongType(string field, string pattern, string expected, JsonElement value) =>
        Bad(field, $"must be {Expected(pattern) ?? Words(expected)}, found {Show(value)}");

    /// <summary>A required name: present and not blank.</summary>
    public string Text(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw Bad(field, "must be a non-empty string") : value;

    /// <summary>A required number of at least <paramref name="min"/> (1 or 0).</summary>
    public int Count(int? value, string field, int min)
    {
        int v = Required(value, field);
        return v >= min ? v : throw Bad(field, $"must be {(min > 0 ? "a positive integer" : "an integer >= 0")}, found {v}");
    }

    protected override string? Expected(string pattern) => pattern switch
    {
        "sample_rate" or "hop" or "latent_size" or "channels" => "a positive integer",
        "latency_samples" => "an integer >= 0",
        _ when pattern.EndsWith(".initial_offset", StringComparison.Ordinal) => "an integer >= 0",
        _ => null,
    };

    protected override string Locate(string field, string problem) => $"{Source}: \"{field}\" {problem}";

    protected override Exception Create(string message, Exception? inner = null) =>
        inner is null ? new ModelPackageException(message) : new ModelPackageException(message, inner);

    private static string Words(string expected) => expected switch
    {
        "text" => "a non-empty string",
        "a list" => "an array",
        "an object" => "a JSON object",
        _ => expected,
    };
}
