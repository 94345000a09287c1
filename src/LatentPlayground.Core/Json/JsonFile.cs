using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace LatentPlayground.Core.Json;

/// <summary>
/// Reads a configuration file's text into its source-generated contract. Problems the contract can see
/// (not JSON, not an object, an unknown field, a value of the wrong kind) become one line from the file's
/// <see cref="FieldErrors"/>; ranges and cross-field rules are the file's own checks after this. The
/// contract's options say what the file allows (comments, trailing commas, unknown fields).
/// Pure text in, an object out: reading the file is the caller's. Thread: the control thread or startup.
/// </summary>
public static class JsonFile
{
    /// <summary>Parses and checks <paramref name="text"/> against <paramref name="contract"/>.</summary>
    public static T Read<T>(string text, JsonTypeInfo<T> contract, FieldErrors errors)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(contract);
        using JsonDocument document = Parse(text, contract.Options, errors);
        return Read(document.RootElement, contract, errors);
    }

    /// <summary>The same for UTF-8 bytes as read from disk.</summary>
    public static T Read<T>(ReadOnlyMemory<byte> utf8, JsonTypeInfo<T> contract, FieldErrors errors)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(errors);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, DocumentOptions(contract.Options));
        }
        catch (JsonException e)
        {
            throw errors.NotJson(e);
        }

        using (document)
        {
            return Read(document.RootElement, contract, errors);
        }
    }

    /// <summary>The document alone, for a file that looks at it before choosing how to read it (a preset's schema).</summary>
    public static JsonDocument Parse(string text, JsonSerializerOptions options, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        try
        {
            return JsonDocument.Parse(text, DocumentOptions(options));
        }
        catch (JsonException e)
        {
            throw errors.NotJson(e);
        }
    }

    /// <summary>Checks a parsed document against <paramref name="contract"/> and deserialises it.</summary>
    public static T Read<T>(JsonElement root, JsonTypeInfo<T> contract, FieldErrors errors)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(errors);
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw errors.NotAnObject();
        }

        JsonShape.Check(root, contract, string.Empty, string.Empty, errors);
        try
        {
            return root.Deserialize(contract) ?? throw errors.NotAnObject();
        }
        catch (JsonException e)
        {
            // The shape check leaves nothing the generated code refuses; this keeps a surprise to one line too.
            throw errors.Bad(Field(e.Path), "cannot be read");
        }
    }

    // "$.knobs['offset.1'][2]" as the user would write it: knobs.offset.1[2].
    private static string Field(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return "(top level)";
        }

        string field = jsonPath.TrimStart('$').Replace("['", ".", StringComparison.Ordinal).Replace("']", string.Empty, StringComparison.Ordinal);
        return field.TrimStart('.');
    }

    private static JsonDocumentOptions DocumentOptions(JsonSerializerOptions options) => new()
    {
        AllowTrailingCommas = options.AllowTrailingCommas,
        CommentHandling = options.ReadCommentHandling,
        MaxDepth = options.MaxDepth,
    };
}
