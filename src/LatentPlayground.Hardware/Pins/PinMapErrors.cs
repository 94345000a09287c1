using LatentPlayground.Core.Json;

namespace LatentPlayground.Hardware.Pins;

/// <summary>
/// A pin map's problems as <see cref="PinMapFormatException"/> lines, in the words a wiring file uses
/// ("must be an array", "a non-empty string"). Thread: the reading thread.
/// </summary>
internal sealed class PinMapErrors(string source) : FieldErrors(source)
{
    public override Exception WrongType(string field, string pattern, string expected, System.Text.Json.JsonElement value) =>
        base.WrongType(field, pattern, expected switch { "text" => "a non-empty string", "a list" => "an array", _ => expected }, value);

    /// <summary>A required name or label: present and not blank.</summary>
    public string Text(string? value, string field) =>
        string.IsNullOrWhiteSpace(Required(value, field)) ? throw Bad(field, $"must be a non-empty string, not \"{value}\"") : value!;

    /// <summary>A required bus or chip number.</summary>
    public int NonNegative(int? value, string field)
    {
        int v = Required(value, field);
        return v >= 0 ? v : throw Bad(field, $"{v} must not be negative");
    }

    protected override Exception Create(string message, Exception? inner = null) =>
        inner is null ? new PinMapFormatException(message) : new PinMapFormatException(message, inner);
}
