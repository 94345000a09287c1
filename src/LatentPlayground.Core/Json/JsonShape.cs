using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace LatentPlayground.Core.Json;

/// <summary>
/// Checks a document against a contract's generated metadata before it is deserialised: every field is one
/// the contract has (where it refuses unknown ones) and every value is of the kind its type takes. The
/// serialiser's own errors name a type and a JSONPath; these name the field as the user wrote it and show the
/// value. A <see cref="JsonElement"/> field takes anything: its file's checks read it (a number or a name).
/// Thread: the thread reading the file.
/// </summary>
internal static class JsonShape
{
    public static void Check(JsonElement value, JsonTypeInfo contract, string path, string pattern, FieldErrors errors)
    {
        Type type = Nullable.GetUnderlyingType(contract.Type) ?? contract.Type;
        if (type == typeof(JsonElement))
        {
            return;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            // Null is "not given" wherever the type can hold it; the file's checks decide whether that is allowed.
            if (!contract.Type.IsValueType || type != contract.Type)
            {
                return;
            }

            throw errors.WrongType(path, pattern, Expected(contract, type), value);
        }

        switch (contract.Kind)
        {
            case JsonTypeInfoKind.Object:
                Expect(value, JsonValueKind.Object, contract, type, path, pattern, errors);
                CheckObject(value, contract, path, pattern, errors);
                break;
            case JsonTypeInfoKind.Enumerable:
                Expect(value, JsonValueKind.Array, contract, type, path, pattern, errors);
                JsonTypeInfo item = contract.Options.GetTypeInfo(contract.ElementType!);
                int i = 0;
                foreach (JsonElement e in value.EnumerateArray())
                {
                    Check(e, item, $"{path}[{i++}]", pattern + "[]", errors);
                }

                break;
            case JsonTypeInfoKind.Dictionary:
                Expect(value, JsonValueKind.Object, contract, type, path, pattern, errors);
                JsonTypeInfo entry = contract.Options.GetTypeInfo(contract.ElementType!);
                foreach (JsonProperty p in value.EnumerateObject())
                {
                    Check(p.Value, entry, Join(path, p.Name), Join(pattern, "*"), errors);
                }

                break;
            default:
                if (!Fits(value, type))
                {
                    throw errors.WrongType(path, pattern, Expected(contract, type), value);
                }

                break;
        }
    }

    private static void CheckObject(JsonElement value, JsonTypeInfo contract, string path, string pattern, FieldErrors errors)
    {
        bool strict = (contract.UnmappedMemberHandling ?? contract.Options.UnmappedMemberHandling) == JsonUnmappedMemberHandling.Disallow;
        foreach (JsonProperty p in value.EnumerateObject())
        {
            JsonPropertyInfo? field = null;
            foreach (JsonPropertyInfo candidate in contract.Properties)
            {
                if (candidate.Name == p.Name)
                {
                    field = candidate;
                    break;
                }
            }

            if (field is null)
            {
                if (strict)
                {
                    throw errors.UnknownField(Join(path, p.Name), contract.Type, [.. contract.Properties.Select(f => f.Name)]);
                }

                continue;
            }

            Check(p.Value, contract.Options.GetTypeInfo(field.PropertyType), Join(path, p.Name), Join(pattern, p.Name), errors);
        }
    }

    private static void Expect(JsonElement value, JsonValueKind kind, JsonTypeInfo contract, Type type, string path, string pattern, FieldErrors errors)
    {
        if (value.ValueKind != kind)
        {
            throw errors.WrongType(path, pattern, Expected(contract, type), value);
        }
    }

    private static bool Fits(JsonElement value, Type type) => type switch
    {
        _ when type == typeof(int) => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _),
        _ when type == typeof(long) => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        _ when type == typeof(uint) => value.ValueKind == JsonValueKind.Number && value.TryGetUInt32(out _),
        _ when type == typeof(double) => value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double d) && double.IsFinite(d),
        _ when type == typeof(string) => value.ValueKind == JsonValueKind.String,
        _ when type == typeof(bool) => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        _ => true, // a type with its own converter checks itself
    };

    private static string Expected(JsonTypeInfo contract, Type type) => contract.Kind switch
    {
        JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "an object",
        JsonTypeInfoKind.Enumerable => "a list",
        _ when type == typeof(int) || type == typeof(long) => "a whole number",
        _ when type == typeof(uint) => "a whole number from 0 to 4294967295",
        _ when type == typeof(double) => "a number",
        _ when type == typeof(string) => "text",
        _ when type == typeof(bool) => "true or false",
        _ => "a value of another kind",
    };

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
