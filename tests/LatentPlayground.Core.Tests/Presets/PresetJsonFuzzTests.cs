using System.Text;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Presets;

namespace LatentPlayground.Core.Tests.Presets;

/// <summary>
/// The preset loader under seeded random damage of a real preset: truncation, byte flips, deleted and
/// duplicated spans, swapped values. It either loads the preset or throws <see cref="PresetFormatException"/>
/// with one line that starts with the file's name; nothing else ever escapes.
/// </summary>
public sealed class PresetJsonFuzzTests
{
    private static readonly string Valid = PresetJson.Serialize(new Preset { Name = "Fuzz", Parameters = Params() });

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Damaged_presets_load_or_fail_with_one_clear_line(int seed)
    {
        var random = new Random(seed);
        int loaded = 0, refused = 0;
        for (int i = 0; i < 2500; i++)
        {
            string text = Damage(Valid, random);
            try
            {
                Preset p = PresetJson.Parse(text, "fuzz.json");
                foreach (ParameterDescriptor d in ParameterTable.All)
                {
                    Assert.InRange(p.Parameters[d.Id], d.Min, d.Max);
                }

                loaded++;
            }
            catch (PresetFormatException e)
            {
                Assert.StartsWith("fuzz.json: ", e.Message, StringComparison.Ordinal);
                Assert.False(e.Message.Contains('\n', StringComparison.Ordinal), e.Message);
                Assert.DoesNotContain(": cannot be read", e.Message, StringComparison.Ordinal); // the contract check names every problem first
                refused++;
            }
        }

        Assert.True(loaded > 0 && refused > 0, $"loaded {loaded}, refused {refused}: the damage should produce both");
    }

    private static string Damage(string text, Random random)
    {
        var s = new StringBuilder(text);
        int edits = 1 + random.Next(3);
        for (int e = 0; e < edits && s.Length > 0; e++)
        {
            int at = random.Next(s.Length);
            switch (random.Next(6))
            {
                case 0:
                    s.Length = at; // truncated, as by a power cut without the atomic write
                    break;
                case 1:
                    s[at] = (char)random.Next(32, 127);
                    break;
                case 2:
                    s.Remove(at, Math.Min(s.Length - at, 1 + random.Next(12)));
                    break;
                case 3:
                    s.Insert(at, s.ToString(at, Math.Min(s.Length - at, 1 + random.Next(20))));
                    break;
                case 4:
                    s.Insert(at, random.Next(4) switch { 0 => "null", 1 => "1e309", 2 => "-0", _ => "\"\\u0000\"" });
                    break;
                default:
                    s[at] = (char)random.Next(0, 0x3000);
                    break;
            }
        }

        return s.ToString();
    }

    private static ParameterSet Params()
    {
        var p = new ParameterSet();
        foreach (string s in new[] { "basis=voronoi", "time.2=1/8t", "offset.3=-1.5", "seed.link=on", "drywet=70" })
        {
            Assert.Null(p.TrySetFromText(s));
        }

        return p;
    }
}

/// <summary>Migration: an older preset is brought up to the current schema step by step before it is read.</summary>
public sealed class PresetMigrationTests
{
    [Fact]
    public void An_older_schema_is_upgraded_by_its_steps_then_read_as_current()
    {
        // A made-up schema 0 that called the parameters "params" and the global seed "master_seed".
        PresetMigration zeroToOne = new(0, old =>
        {
            var upgraded = new System.Text.Json.Nodes.JsonObject();
            foreach ((string key, System.Text.Json.Nodes.JsonNode? value) in old)
            {
                upgraded[key == "params" ? "parameters" : key] = value?.DeepClone();
            }

            if (upgraded["parameters"] is System.Text.Json.Nodes.JsonObject p && p["master_seed"] is { } seed)
            {
                p.Remove("master_seed");
                p["seed"] = seed.DeepClone();
            }

            return upgraded;
        });

        Preset preset = PresetJson.Parse("""{ "schema": 0, "name": "Old", "params": { "basis": "cell", "master_seed": 77 } }""", "old.json", [zeroToOne]);
        Assert.Equal("Old", preset.Name);
        Assert.Equal(77, preset.Parameters[ParameterId.GlobalSeed]);
        Assert.Equal("cell", ParameterTable.Get(ParameterId.Basis).Format(preset.Parameters[ParameterId.Basis]));
    }

    [Fact]
    public void An_older_schema_without_a_migration_is_refused_by_name()
    {
        PresetFormatException e = Assert.Throws<PresetFormatException>(() => PresetJson.Parse("""{ "schema": 0 }""", "old.json"));
        Assert.Equal("old.json: schema: 0 is older than this firmware can convert (from 1)", e.Message);
    }
}
