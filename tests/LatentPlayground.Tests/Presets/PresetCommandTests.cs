namespace LatentPlayground.Tests.Presets;

/// <summary><c>preset list|show|save</c> as a user runs them.</summary>
public sealed class PresetCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Directory.CreateTempSubdirectory("lp-preset-cmd-").FullName, "bank");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_dir)!, recursive: true);

    [Fact]
    public void List_without_a_bank_shows_the_factory_presets()
    {
        (int code, string output, _) = CliRunner.Run("preset", "list", "--bank", _dir);
        Assert.Equal(0, code);
        Assert.Contains("factory presets", output, StringComparison.Ordinal);
        Assert.Contains("Fractal storm", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_seeds_the_bank_then_adds_the_preset_which_show_and_list_then_find()
    {
        (int code, string output, string error) = CliRunner.Run("preset", "save", "My Drift", "--bank", _dir, "--from", "Perlin drift", "--set", "speed=640");
        Assert.True(code == 0, error);
        Assert.Contains("10-my-drift.json", output, StringComparison.Ordinal);
        (code, output, _) = CliRunner.Run("preset", "show", "my drift", "--bank", _dir);
        Assert.Equal(0, code);
        Assert.Contains("speed        640", output, StringComparison.Ordinal);
        Assert.Contains("basis        perlin", output, StringComparison.Ordinal);
        (_, output, _) = CliRunner.Run("preset", "list", "--bank", _dir);
        Assert.Contains("My Drift", output, StringComparison.Ordinal);
        Assert.Contains("Cell steps", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_names_the_bad_field_of_a_hand_edited_file_and_exits_2()
    {
        Directory.CreateDirectory(_dir);
        string file = Path.Combine(_dir, "01-edited.json");
        File.WriteAllText(file, "{ \"schema\": 1, \"parameters\": { \"basis\": \"plaid\" } }");
        (int code, _, string error) = CliRunner.Run("preset", "show", file);
        Assert.Equal(2, code);
        Assert.Contains("parameters.basis", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));

        // In the bank, the same file is skipped with that message, and list still works.
        (code, string output, error) = CliRunner.Run("preset", "list", "--bank", _dir);
        Assert.Equal(0, code);
        Assert.Contains("parameters.basis", error, StringComparison.Ordinal);
        Assert.Contains("0 presets", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Saving_a_name_the_bank_has_is_refused_and_writes_nothing()
    {
        Assert.Equal(0, CliRunner.Run("preset", "save", "Twice", "--bank", _dir).Code);
        int files = Directory.GetFiles(_dir).Length;
        (int code, _, string error) = CliRunner.Run("preset", "save", "twice", "--bank", _dir);
        Assert.Equal(2, code);
        Assert.Contains("already has", error, StringComparison.Ordinal);
        Assert.Equal(files, Directory.GetFiles(_dir).Length);
    }

    [Fact]
    public void Render_switch_with_a_bad_spec_is_one_line_and_exit_2()
    {
        (int code, _, string error) = CliRunner.Run("render", Path.Combine(AppContext.BaseDirectory, "Assets", "demo", "guitar-riff.wav"), Path.Combine(_dir + "-out.wav"), "--switch", "soon=Cell steps");
        Assert.Equal(2, code);
        Assert.Contains("--switch", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir + "-out.wav"));
    }
}
