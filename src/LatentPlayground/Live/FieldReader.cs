using System.Text.Json;

namespace LatentPlayground.Live;

/// <summary>
/// Typed reads of one JSON object's fields, each failure a one-line <see cref="UsageException"/> naming the
/// file and the field. A field that is absent or null reads as null: the default stays.
/// Thread: any; used while the document is open.
/// </summary>
internal sealed class FieldReader(JsonElement root, string source, string folder)
{
    public string Where(string field) => $"{source}: {field}";

    /// <summary>Applies a value that was present and records where it came from.</summary>
    public RunConfig Set<T>(RunConfig config, string field, T? value, Func<RunConfig, T, RunConfig> apply)
        where T : class =>
        value is null ? config : apply(config, value).From(field, Where(field));

    /// <summary>The same for numbers.</summary>
    public RunConfig SetValue<T>(RunConfig config, string field, T? value, Func<RunConfig, T, RunConfig> apply)
        where T : struct =>
        value is T v ? apply(config, v).From(field, Where(field)) : config;

    public string? String(string field) => Get(field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } e => e.GetString(),
        JsonElement e => throw Wrong(field, "must be text", e),
    };

    public int? Int(string field) => Get(field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } e when e.TryGetInt32(out int v) => v,
        JsonElement e => throw Wrong(field, "must be a whole number", e),
    };

    public double? Number(string field) => Get(field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } e => e.GetDouble(),
        JsonElement e => throw Wrong(field, "must be a number", e),
    };

    /// <summary>Text or a number, as text: for fields such as pace that take either.</summary>
    public string? Text(string field) => Get(field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } e => e.GetString(),
        { ValueKind: JsonValueKind.Number } e => e.GetRawText(),
        JsonElement e => throw Wrong(field, "must be text or a number", e),
    };

    /// <summary>A path, relative ones taken from the config file's folder.</summary>
    public string? Path(string field, bool folder) =>
        String(field) is string p ? ConfigRules.Path(Resolve(ConfigRules.Path(p, Where(field), folder)), Where(field), folder) : null;

    public IReadOnlyList<string>? Paths(string field, bool folders = false)
    {
        if (Get(field) is not JsonElement e)
        {
            return null;
        }

        if (e.ValueKind != JsonValueKind.Array)
        {
            throw Wrong(field, "must be a list of paths", e);
        }

        var paths = new List<string>();
        int i = 0;
        foreach (JsonElement item in e.EnumerateArray())
        {
            string where = $"{Where(field)}[{i++}]";
            if (item.ValueKind != JsonValueKind.String)
            {
                throw new UsageException($"{where}: must be a path, not {item.GetRawText()}");
            }

            paths.Add(ConfigRules.Path(Resolve(ConfigRules.Path(item.GetString()!, where, folders)), where, folders));
        }

        return paths;
    }

    /// <summary>{ "priority": 1..99 or null, "core": n, "auto" or null }; fields left out keep <paramref name="defaults"/>.</summary>
    public ThreadConfig? Thread(string field, ThreadConfig defaults)
    {
        if (Get(field) is not JsonElement e)
        {
            return null;
        }

        if (e.ValueKind != JsonValueKind.Object)
        {
            throw Wrong(field, "must be an object { \"priority\": ..., \"core\": ... }", e);
        }

        ThreadConfig result = defaults;
        foreach (JsonProperty p in e.EnumerateObject())
        {
            string where = $"{Where(field)}.{p.Name}";
            result = p.Name switch
            {
                "priority" => result with { Priority = Priority(p.Value, where) },
                "core" => result with { Core = Core(p.Value, where) },
                _ => throw new UsageException($"{where}: not a thread field (priority, core)"),
            };
        }

        return result;
    }

    private static int? Priority(JsonElement value, string where) => value switch
    {
        { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt32(out int p) => ConfigRules.Priority(p, where),
        _ => throw new UsageException($"{where}: must be a SCHED_FIFO priority 1..99 or null (normal scheduling), not {value.GetRawText()}"),
    };

    private static CoreChoice Core(JsonElement value, string where) => value switch
    {
        { ValueKind: JsonValueKind.Null } => CoreChoice.Any,
        { ValueKind: JsonValueKind.String } v when v.GetString() == "auto" => CoreChoice.Auto,
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt32(out int c) && c >= 0 => CoreChoice.Fixed(c),
        _ => throw new UsageException($"{where}: must be a core number, \"auto\" or null (any core), not {value.GetRawText()}"),
    };

    private JsonElement? Get(string field) =>
        root.TryGetProperty(field, out JsonElement e) && e.ValueKind != JsonValueKind.Null ? e : null;

    private string Resolve(string path) => System.IO.Path.IsPathRooted(path) ? path : System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, path));

    private UsageException Wrong(string field, string what, JsonElement value) =>
        new($"{Where(field)}: {what}, not {value.GetRawText()}");
}
