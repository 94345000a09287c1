using System.Globalization;
using System.Text.Json;

namespace LatentPlayground.Core.Json;

/// <summary>
/// How one configuration file words its problems: every one is a single line that names the file, the field
/// (<c>knobs.offsets[1][2]</c>) and the problem, as <c>pedal.json: periods: 1 is out of range 2..32</c>.
/// <see cref="JsonFile"/> uses it for the problems it finds by the contract (syntax, unknown fields, wrong
/// types); each file's own checks use it for ranges and cross-field rules, so both read alike. A file
/// overrides the hooks to keep its own exception type and wording.
/// Thread: the thread reading the file (the control thread or startup); holds no state but the source name.
/// </summary>
public class FieldErrors(string source)
{
    /// <summary>The file's name as messages show it.</summary>
    public string Source { get; } = source;

    /// <summary>A field as messages name it: <c>pedal.json: period</c>.</summary>
    public virtual string Where(string field) => $"{Source}: {field}";

    /// <summary>The error for the field at <paramref name="field"/>.</summary>
    public Exception Bad(string field, string problem) => Create(Printable(Locate(field, problem)));

    /// <summary>An error about the whole file.</summary>
    public Exception Whole(string problem) => Create(Printable($"{Source}: {problem}"));

    /// <summary>The text is not JSON: the line, and the parser's reason without its own position suffix.</summary>
    public virtual Exception NotJson(JsonException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        string reason = e.Message.Split('\n')[0];
        int position = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        reason = (position < 0 ? reason : reason[..position]).Trim().TrimEnd('.');
        return Create($"{Source}: not valid JSON (line {(e.LineNumber ?? 0) + 1}): {reason}", e);
    }

    /// <summary>The file is JSON but not an object.</summary>
    public virtual Exception NotAnObject() => Bad("(top level)", "must be a JSON object");

    /// <summary>A field the contract does not have: a typo would otherwise be silently ignored.</summary>
    /// <param name="field">The field's path.</param>
    /// <param name="owner">The contract type that lacks it.</param>
    /// <param name="fields">The fields that type has, in order.</param>
    public virtual Exception UnknownField(string field, Type owner, IReadOnlyList<string> fields) =>
        Bad(field, $"is not a field here (expected {string.Join(", ", fields ?? [])})");

    /// <summary>A value of the wrong kind: <c>must be a whole number, not "23"</c>.</summary>
    /// <param name="field">The field's path.</param>
    /// <param name="pattern">The path with indices as <c>[]</c> and map keys as <c>*</c>, for <see cref="Expected"/>.</param>
    /// <param name="expected">What the contract's type takes ("a whole number").</param>
    /// <param name="value">What the file holds.</param>
    public virtual Exception WrongType(string field, string pattern, string expected, JsonElement value) =>
        Bad(field, $"must be {Expected(pattern) ?? expected}, not {Show(value)}");

    /// <summary>The field's value, or the "is missing" error when it is absent or null.</summary>
    public T Required<T>(T? value, string field)
        where T : class => value ?? throw Bad(field, "is missing");

    /// <summary>The same for numbers and flags.</summary>
    public T Required<T>(T? value, string field)
        where T : struct => value ?? throw Bad(field, "is missing");

    /// <summary>A value in <paramref name="min"/>..<paramref name="max"/>, or <c>5 is out of range 16..4096</c>.</summary>
    public int InRange(int value, int min, int max, string field) =>
        value < min || value > max
            ? throw Bad(field, string.Create(CultureInfo.InvariantCulture, $"{value} is out of range {min}..{max}"))
            : value;

    /// <summary>A value as a message shows it: numbers, text and literals as written; lists and objects by kind.</summary>
    public static string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        JsonValueKind.Undefined => "nothing",
        _ => value.GetRawText(),
    };

    // A field name or value comes from the file, and a JSON escape can put a line break or a terminal control
    // character in it: the message stays one line, with each such character as '?'.
    private static string Printable(string message) =>
        message.AsSpan().ContainsAnyInRange('\0', '\u001f') || message.Contains('\u007f', StringComparison.Ordinal)
            ? string.Create(message.Length, message, static (span, m) =>
            {
                for (int i = 0; i < m.Length; i++)
                {
                    span[i] = char.IsControl(m[i]) ? '?' : m[i];
                }
            })
            : message;

    /// <summary>What a field takes in this file's words, when the contract's type says too little ("a list of paths").</summary>
    protected virtual string? Expected(string pattern) => null;

    /// <summary>Where a problem is placed in the message.</summary>
    protected virtual string Locate(string field, string problem) => $"{Where(field)}: {problem}";

    /// <summary>This file's exception type.</summary>
    protected virtual Exception Create(string message, Exception? inner = null) =>
        inner is null ? new FormatException(message) : new FormatException(message, inner);
}
