using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using LatentPlayground.Core.Json;

namespace LatentPlayground.Core.Tests.Json;

/// <summary>A made-up file shape with the nestings the real files have: objects, lists of lists, maps.</summary>
public sealed record SampleContract
{
    [JsonPropertyName("schema")] public int? Schema { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("gain")] public double? Gain { get; init; }
    [JsonPropertyName("on")] public bool? On { get; init; }
    [JsonPropertyName("knobs")] public SampleKnobs? Knobs { get; init; }
    [JsonPropertyName("labels")] public Dictionary<string, string>? Labels { get; init; }
    [JsonPropertyName("any")] public JsonElement Any { get; init; }
}

public sealed record SampleKnobs
{
    [JsonPropertyName("offsets")] public List<List<int>>? Offsets { get; init; }
}

[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(SampleContract))]
internal sealed partial class SampleContext : JsonSerializerContext;

public sealed class JsonFileTests
{
    private static SampleContract Read(string json) => JsonFile.Read(json, SampleContext.Default.SampleContract, new FieldErrors("t.json"));

    private static string Refused(string json) => Assert.Throws<FormatException>(() => Read(json)).Message;

    [Fact]
    public void A_valid_file_reads_into_its_contract_and_null_is_not_given()
    {
        SampleContract c = Read("""
            { "schema": 1, "name": "x", "gain": 0.5, "on": true, // a comment
              "knobs": { "offsets": [[1, 2], [3]] }, "labels": { "a.b": "c" }, "any": [1, "two"], "schema": null, }
            """);

        Assert.Null(c.Schema);
        Assert.Equal("x", c.Name);
        Assert.Equal([[1, 2], [3]], c.Knobs!.Offsets);
        Assert.Equal("c", c.Labels!["a.b"]);
        Assert.Equal(JsonValueKind.Array, c.Any.ValueKind);
    }

    [Theory]
    [InlineData("""{ "knobs": { "offsets": [[1, 2], [3, "x"]] } }""", "t.json: knobs.offsets[1][1]: must be a whole number, not \"x\"")]
    [InlineData("""{ "knobs": { "offsets": [[1, 2], 3] } }""", "t.json: knobs.offsets[1]: must be a list, not 3")]
    [InlineData("""{ "knobs": { "ofsets": [] } }""", "t.json: knobs.ofsets: is not a field here (expected offsets)")]
    [InlineData("""{ "colour": 1 }""", "t.json: colour: is not a field here (expected schema, name, gain, on, knobs, labels, any)")]
    [InlineData("""{ "schema": 1.5 }""", "t.json: schema: must be a whole number, not 1.5")]
    [InlineData("""{ "schema": 3000000000 }""", "t.json: schema: must be a whole number, not 3000000000")]
    [InlineData("""{ "gain": 1e400 }""", "t.json: gain: must be a number, not 1e400")]
    [InlineData("""{ "name": { "first": "x" } }""", "t.json: name: must be text, not an object")]
    [InlineData("""{ "on": "yes" }""", "t.json: on: must be true or false, not \"yes\"")]
    [InlineData("""{ "labels": { "a": 1 } }""", "t.json: labels.a: must be text, not 1")]
    [InlineData("""{ "knobs": { "offsets": [[null]] } }""", "t.json: knobs.offsets[0][0]: must be a whole number, not null")]
    [InlineData("""[1]""", "t.json: (top level): must be a JSON object")]
    public void A_problem_the_contract_sees_names_the_field_and_shows_the_value(string json, string expected) =>
        Assert.Equal(expected, Refused(json));

    [Fact]
    public void Text_that_is_not_JSON_gives_the_line_in_one_line()
    {
        string message = Refused("{\n  \"schema\": 1,\n  \"name\": \n}");

        Assert.StartsWith("t.json: not valid JSON (line 4): ", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
        Assert.DoesNotContain("LineNumber", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Damaged_files_load_or_fail_with_one_line_naming_the_file(int seed)
    {
        const string valid = """{ "schema": 1, "name": "x", "gain": 0.5, "on": true, "knobs": { "offsets": [[1, 2], [3]] }, "labels": { "a": "c" }, "any": null }""";
        var random = new Random(seed);
        int loaded = 0, refused = 0;
        for (int i = 0; i < 2000; i++)
        {
            var s = new StringBuilder(valid);
            for (int e = 0; e < 1 + random.Next(3) && s.Length > 0; e++)
            {
                int at = random.Next(s.Length);
                switch (random.Next(3))
                {
                    case 0:
                        s[at] = (char)random.Next(32, 127);
                        break;
                    case 1:
                        s.Remove(at, Math.Min(s.Length - at, 1 + random.Next(8)));
                        break;
                    default:
                        s.Insert(at, random.Next(3) switch { 0 => "null", 1 => "1e309", _ => "[]" });
                        break;
                }
            }

            try
            {
                Read(s.ToString());
                loaded++;
            }
            catch (FormatException e)
            {
                Assert.StartsWith("t.json: ", e.Message, StringComparison.Ordinal);
                Assert.DoesNotContain('\n', e.Message);
                refused++;
            }
        }

        Assert.True(loaded > 0 && refused > 0, $"loaded {loaded}, refused {refused}");
    }
}
