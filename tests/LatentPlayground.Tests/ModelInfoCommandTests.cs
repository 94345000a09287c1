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
        Assert.Contains("latent size   8 (modulators act on dimensions 1..8)\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("state_in.00 -> state_out.00", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4096, 128, 48000, "latent size   128 (modulators act on dimensions 1..8; 9..128 pass through from the encoder)")]
    [InlineData(1024, 16, 44100, "latent size   16 (modulators act on dimensions 1..8; 9..16 pass through from the encoder)")]
    [InlineData(512, 4, 44100, "latent size   4 (modulators act on dimensions 1..4; the settings of 5..8 do nothing)")]
    [InlineData(2048, 1, 48000, "latent size   1 (modulators act on dimensions 1..1; the settings of 2..8 do nothing)")]
    public void An_imported_shape_says_which_dimensions_the_modulators_move(int hop, int latentSize, int rate, string expected)
    {
        using var model = new Inference.Tests.SyntheticPackage(hop, latentSize, rate);
        var (code, output, error) = CliRunner.Run("model", "info", model.Folder);
        Assert.True(code == 0, error);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.Contains($"sample rate   {rate} Hz", output, StringComparison.Ordinal);
        Assert.Contains($"hop           {hop} samples", output, StringComparison.Ordinal);
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
