namespace LatentPlayground.Tests;

/// <summary>`latentplayground display`: a page of the pedal's display to a PNG, or one clear refusal.</summary>
public sealed class DisplayCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lp-display-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_page_is_written_as_a_PNG_of_the_scaled_display()
    {
        string png = Path.Combine(_folder, "home.png");
        (int code, string output, string error) = CliRunner.Run("display", "--page", "home", "--out", png, "--scale", "2", "--at", "1");
        Assert.True(code == 0, error);
        Assert.Contains("home page, 256x128", output, StringComparison.Ordinal);
        byte[] bytes = File.ReadAllBytes(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.Equal(256, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(128, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(128)]
    public void A_model_of_any_latent_size_plays_the_riff_for_the_bars(int latentSize)
    {
        using var model = new Inference.Tests.SyntheticPackage(1024, latentSize, 44100);
        string png = Path.Combine(_folder, "home.png");
        (int code, string output, string error) = CliRunner.Run("display", "--page", "home", "--out", png, "--model", model.Folder, "--at", "1");
        Assert.True(code == 0, error);
        Assert.Contains("home page", output, StringComparison.Ordinal);
        Assert.True(File.Exists(png));
    }

    [Theory]
    [InlineData("--page", "nope", "--page: 'nope' is not a page (home, modulators, offsets, bending, xy, settings)")]
    [InlineData("--scale", "0", "--scale: 0 is out of range 1..16")]
    [InlineData("--row", "40", "--row: 40 is out of range 1..9 on the offsets page")]
    public void Bad_input_is_one_line_exit_2_and_no_file(string option, string value, string message)
    {
        string png = Path.Combine(_folder, "page.png");
        string[] args = option == "--page"
            ? ["display", "--page", value, "--out", png]
            : ["display", "--page", "offsets", "--out", png, option, value];
        (int code, _, string error) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(File.Exists(png));
    }
}
