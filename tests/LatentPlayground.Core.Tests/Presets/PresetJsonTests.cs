using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Presets;

namespace LatentPlayground.Core.Tests.Presets;

public class PresetJsonTests
{
    [Fact]
    public void A_short_hand_written_preset_sets_what_it_names_and_defaults_the_rest()
    {
        Preset p = PresetJson.Parse("""
            { "schema": 1, "name": "Glass drift",
              // comments and trailing commas are forgiven in hand-edited files
              "parameters": { "basis": "voronoi", "speed": 150, "time.2": "1/8.", "mod": true, "ceiling": "-3 dB", }, }
            """, "glass.json");
        Assert.Equal("Glass drift", p.Name);
        Assert.Equal("voronoi", ParameterTable.Get(ParameterId.Basis).Format(p.Parameters[ParameterId.Basis]));
        Assert.Equal(150, p.Parameters[ParameterId.Speed]);
        Assert.Equal("1/8.", ParameterTable.Get(ParameterId.Time2).Format(p.Parameters[ParameterId.Time2]));
        Assert.Equal(-3, p.Parameters[ParameterId.LimiterCeiling]);
        Assert.Equal(ParameterTable.Get(ParameterId.Scale).Default, p.Parameters[ParameterId.Scale]);
    }

    [Fact]
    public void Serialize_then_parse_gives_every_value_back()
    {
        var parameters = new ParameterSet();
        foreach (string s in new[] { "basis=fractal", "mode=warp", "offset.3=-1.25", "seed.7=4242", "time.8=1/32t", "time.8.ms=333", "drywet=42.5", "bypass=on" })
        {
            Assert.Null(parameters.TrySetFromText(s));
        }

        var preset = new Preset { Name = "Round trip", Parameters = parameters, Model = "default", Bending = "b.json" };
        Preset back = PresetJson.Parse(PresetJson.Serialize(preset), "rt.json");
        foreach (ParameterDescriptor d in ParameterTable.All)
        {
            Assert.Equal(parameters[d.Id], back.Parameters[d.Id]);
        }

        Assert.Equal("default", back.Model);
        Assert.Equal("b.json", back.Bending);
        Assert.Null(back.Xy);
    }

    [Theory]
    [InlineData("""{ "schema": 1, "parameters": { "sped": 3 } }""", "p.json: parameters.sped: is not a parameter")]
    [InlineData("""{ "schema": 1, "parameters": { "speed": 5000 } }""", "p.json: parameters.speed: 5000 is out of range 0 .. 1000")]
    [InlineData("""{ "schema": 1, "parameters": { "basis": "sine" } }""", "p.json: parameters.basis: 'sine' is not one of cell, simplex, perlin, distorted, voronoi, fractal")]
    [InlineData("""{ "schema": 1, "parameters": { "speed": [1] } }""", "p.json: parameters.speed: must be a number or a name, not a list")]
    [InlineData("""{ "schema": 1, "parameters": { "trigger": 1 } }""", "p.json: parameters.trigger: is an action and cannot be stored")]
    [InlineData("""{ "parameters": {} }""", "p.json: schema: is missing")]
    [InlineData("""{ "schema": 9 }""", "p.json: schema: 9 is newer than this firmware reads (1); update the pedal")]
    [InlineData("""{ "schema": "one" }""", "p.json: schema: must be a whole number from 1, not \"one\"")]
    [InlineData("""{ "schema": 1, "name": 5 }""", "p.json: name: must be text, not 5")]
    [InlineData("""{ "schema": 1, "colour": "red" }""", "p.json: colour: is not a preset field (schema, name, model, parameters, bending, xy, latents)")]
    [InlineData("""[1, 2]""", "p.json: (top level): must be a JSON object")]
    public void Bad_presets_name_the_field(string json, string message)
    {
        var e = Assert.Throws<PresetFormatException>(() => PresetJson.Parse(json, "p.json"));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void A_repeated_field_takes_its_last_value_as_before()
    {
        Preset p = PresetJson.Parse("""{ "schema": 1, "name": "a", "parameters": { "speed": 3, "speed": 4 }, "name": "b" }""", "p.json");

        Assert.Equal("b", p.Name);
        Assert.Equal(4, p.Parameters[ParameterId.Speed]);
    }

    [Fact]
    public void Broken_json_says_where()
    {
        var e = Assert.Throws<PresetFormatException>(() => PresetJson.Parse("{ \"schema\": 1,\n \"name\": ", "p.json"));
        Assert.StartsWith("p.json: not valid JSON (line 2)", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
