namespace LatentPlayground.Tests;

public sealed class ModelInfoCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lp-model-info-").FullName;

    private static string DefaultModel => Path.Combine(AppContext.BaseDirectory, "Assets", "models", "default");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_bundled_model_is_described_and_valid()
    {
        var (code, output, error) = CliRunner.Run("model", "info", DefaultModel);
        Assert.True(code == 0, error);
        Assert.Contains("sample rate   48000 Hz", output, StringComparison.Ordinal);
        Assert.Contains("hop           2048 samples", output, StringComparison.Ordinal);
        Assert.Contains("latent size   8", output, StringComparison.Ordinal);
        Assert.Contains("state_in.00 -> state_out.00", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("decoder.onnx", "not a usable ONNX graph")]
    [InlineData("model.json", "model.json")]
    public void A_broken_package_gives_one_line_naming_the_file_and_exit_code_2(string file, string expected)
    {
        string copy = Path.Combine(_folder, "broken");
        Directory.CreateDirectory(copy);
        foreach (string f in Directory.GetFiles(DefaultModel))
        {
            File.Copy(f, Path.Combine(copy, Path.GetFileName(f)));
        }

        byte[] bytes = File.ReadAllBytes(Path.Combine(copy, file));
        File.WriteAllBytes(Path.Combine(copy, file), bytes[..(bytes.Length / 3)]);

        var (code, output, error) = CliRunner.Run("model", "info", copy);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Contains(file, error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
