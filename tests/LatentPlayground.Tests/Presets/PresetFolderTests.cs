using LatentPlayground.Files;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Presets;
using LatentPlayground.Presets;

namespace LatentPlayground.Tests.Presets;

/// <summary>The bank on disk: bad files skipped with a message, atomic saves that survive a cut at any step.</summary>
public sealed class PresetFolderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lp-bank-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_factory_presets_all_load_and_cover_the_six_bases_and_tempo_sync()
    {
        (PresetBank bank, IReadOnlyList<string> problems) = PresetFolder.Load(PresetLocations.FactoryFolder);
        Assert.Empty(problems);
        Assert.True(bank.Count >= 6);
        var bases = bank.Entries.Select(e => ParameterTable.Get(ParameterId.Basis).Format(e.Preset.Parameters[ParameterId.Basis])).ToHashSet();
        Assert.Subset(bases, new HashSet<string> { "cell", "simplex", "perlin", "distorted", "voronoi", "fractal" });
        Assert.Contains(bank.Entries, e => e.Preset.Parameters[ParameterId.Time1] >= 2);
    }

    [Fact]
    public void A_corrupt_preset_is_skipped_with_one_message_naming_file_and_field_and_the_rest_load()
    {
        File.WriteAllText(Path.Combine(_dir, "01-good.json"), "{\"schema\":1,\"name\":\"Good\"}");
        File.WriteAllText(Path.Combine(_dir, "02-bad-field.json"), "{\"schema\":1,\"parameters\":{\"rate\":99}}");
        File.WriteAllText(Path.Combine(_dir, "03-truncated.json"), "{\"schema\":1,\"parame");
        File.WriteAllText(Path.Combine(_dir, ".04-leftover.json.tmp-1-abc"), "{");
        File.WriteAllText(Path.Combine(_dir, "05-also-good.json"), "{\"schema\":1,\"name\":\"Also good\"}");

        (PresetBank bank, IReadOnlyList<string> problems) = PresetFolder.Load(_dir);

        Assert.Equal(["Good", "Also good"], bank.Entries.Select(e => e.Preset.Name));
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("02-bad-field.json", StringComparison.Ordinal) && p.Contains("parameters.rate", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("03-truncated.json", StringComparison.Ordinal) && p.Contains("not valid JSON", StringComparison.Ordinal));
    }

    [Fact]
    public void Save_writes_every_parameter_and_loads_back_equal()
    {
        ParameterSet p = Set("basis=voronoi", "time.3=1/8t", "offset.4=-1.25", "seed.link=on");
        string path = PresetFolder.Save(_dir, PresetFolder.NewFileName(new PresetBank([]), "Glass drift!"), new Preset { Name = "Glass drift!", Parameters = p });
        Assert.Equal("01-glass-drift.json", Path.GetFileName(path));
        Preset back = PresetJson.Parse(File.ReadAllText(path), path);
        foreach (ParameterDescriptor d in ParameterTable.All)
        {
            Assert.Equal(p[d.Id], back.Parameters[d.Id], 6);
        }
    }

    private static ParameterSet Set(params string[] settings)
    {
        var p = new ParameterSet();
        foreach (string s in settings)
        {
            Assert.Null(p.TrySetFromText(s));
        }

        return p;
    }
}
