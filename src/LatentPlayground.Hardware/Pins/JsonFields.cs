using System.Globalization;
using System.Text.Json;

namespace LatentPlayground.Hardware.Pins;

/// <summary>
/// Reading typed fields out of a JSON object with one-line errors that name the field's full path
/// ("leds[2].gpio: must be a whole number"). Thread: any (no state but the source name).
/// </summary>
internal sealed class JsonFields(string source)
{
    /// <summary>The one-line error for the field at <paramref name="path"/>. Thread: any.</summary>
    public PinMapFormatException Bad(string path, string problem) => new($"{source}: {path}: {problem}");

    /// <summary>A required object field. Thread: any.</summary>
    public JsonElement Object(JsonElement parent, string name, string path)
    {
        JsonElement e = Required(parent, name, path);
        return e.ValueKind == JsonValueKind.Object ? e : throw Bad(path, $"must be an object, not {Kind(e)}");
    }

    /// <summary>The object, or null when the field is absent or null. Thread: any.</summary>
    public JsonElement? OptionalObject(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out JsonElement e) || e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return e.ValueKind == JsonValueKind.Object ? e : throw Bad(path, $"must be an object or null, not {Kind(e)}");
    }

    /// <summary>A required array field. Thread: any.</summary>
    public JsonElement Array(JsonElement parent, string name, string path)
    {
        JsonElement e = Required(parent, name, path);
        return e.ValueKind == JsonValueKind.Array ? e : throw Bad(path, $"must be an array, not {Kind(e)}");
    }

    /// <summary>A required non-empty string field. Thread: any.</summary>
    public string String(JsonElement parent, string name, string path)
    {
        JsonElement e = Required(parent, name, path);
        if (e.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(e.GetString()))
        {
            throw Bad(path, $"must be a non-empty string, not {Kind(e)}");
        }

        return e.GetString()!;
    }

    /// <summary>A required whole-number field. Thread: any.</summary>
    public int Int(JsonElement parent, string name, string path) => Int(Required(parent, name, path), path);

    /// <summary>A value that must be a whole number. Thread: any.</summary>
    public int Int(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out int value))
        {
            throw Bad(path, $"must be a whole number, not {Kind(e)}");
        }

        return value;
    }

    /// <summary>A whole-number field, or null when absent or null. Thread: any.</summary>
    public int? OptionalInt(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out JsonElement e) || e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return Int(e, path);
    }

    /// <summary>A required finite number field. Thread: any.</summary>
    public double Number(JsonElement parent, string name, string path)
    {
        JsonElement e = Required(parent, name, path);
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out double value) || !double.IsFinite(value))
        {
            throw Bad(path, $"must be a number, not {Kind(e)}");
        }

        return value;
    }

    /// <summary>A true/false field, or <paramref name="fallback"/> when absent or null. Thread: any.</summary>
    public bool OptionalBool(JsonElement parent, string name, string path, bool fallback)
    {
        if (!parent.TryGetProperty(name, out JsonElement e) || e.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        return e.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Bad(path, $"must be true or false, not {Kind(e)}"),
        };
    }

    /// <summary>An I2C address: a string "0x48" or a number. Thread: any.</summary>
    public int Address(JsonElement e, string path)
    {
        int value;
        if (e.ValueKind == JsonValueKind.String)
        {
            string text = e.GetString()!;
            bool hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
            if (!int.TryParse(hex ? text[2..] : text, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out value))
            {
                throw Bad(path, $"\"{text}\" is not an address (write it like \"0x48\")");
            }
        }
        else if (e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out value))
        {
        }
        else
        {
            throw Bad(path, $"must be an address like \"0x48\", not {Kind(e)}");
        }

        if (value is < 0x08 or > 0x77)
        {
            throw Bad(path, $"0x{value:X2} is not a usable 7-bit I2C address (0x08-0x77)");
        }

        return value;
    }

    /// <summary>A required I2C address field. Thread: any.</summary>
    public int Address(JsonElement parent, string name, string path) => Address(Required(parent, name, path), path);

    /// <summary>Refuses fields not in <paramref name="allowed"/>: a typo would otherwise be silently ignored. Thread: any.</summary>
    public void OnlyFields(JsonElement obj, string path, params string[] allowed)
    {
        foreach (JsonProperty p in obj.EnumerateObject())
        {
            if (System.Array.IndexOf(allowed, p.Name) < 0)
            {
                string field = path.Length == 0 ? p.Name : $"{path}.{p.Name}";
                throw Bad(field, $"is not a field here (expected {string.Join(", ", allowed)})");
            }
        }
    }

    private JsonElement Required(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out JsonElement e) || e.ValueKind == JsonValueKind.Null)
        {
            throw Bad(path, "is missing");
        }

        return e;
    }

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetRawText(),
        JsonValueKind.String => $"\"{e.GetString()}\"",
        _ => e.ValueKind.ToString().ToLowerInvariant(),
    };
}
