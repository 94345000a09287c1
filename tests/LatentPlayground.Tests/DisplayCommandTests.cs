using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using LatentPlayground.Commands;
using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Presets;
using LatentPlayground.Core.Ui;
using LatentPlayground.Core.Xy;
using LatentPlayground.Presets;

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

    [Fact]
    public void The_xy_page_shows_a_trained_demo_mapping_as_the_renderer_draws_it()
    {
        using var model = new Inference.Tests.SyntheticPackage(1024, 4, 44100);
        string png = Path.Combine(_folder, "xy.png");
        (int code, string output, string error) = CliRunner.Run("display", "--page", "xy", "--row", "9", "--out", png, "--scale", "1", "--model", model.Folder, "--at", "0.5");
        Assert.True(code == 0, error);

        // The same page drawn here: the first factory preset's values, a four-dimensional model, the demo mapping.
        (PresetBank factory, _) = PresetFolder.Load(PresetLocations.FactoryFolder);
        var view = new PanelView(factory.Entries[0].Preset.Parameters.Clone()) { Engine = new EngineSnapshot { LatentSize = 4 } };
        XyMapping demo = DisplayCommand.ShowXyDemo(view);
        Assert.True(demo.Points.Count >= 3 && view.Xy.Count == demo.Points.Count);
        Assert.InRange(view.Xy.Selected, 0, demo.Points.Count - 1);
        Assert.True(demo.Network is not null && view.Xy.Loss is double loss && double.IsFinite(loss) && loss < 0.01, $"loss {view.Xy.Loss}");
        Assert.Contains($"a demo mapping of {demo.Points.Count} points (point {view.Xy.Selected + 1} selected", output, StringComparison.Ordinal);

        var navigator = new PanelNavigator(PanelLayout.Default);
        PanelNavigator.ShowPage(view, PanelPage.Xy);
        navigator.Push(view);
        for (int i = 1; i < 9; i++)
        {
            navigator.Turn(view, 1, 1);
        }

        var expected = new Framebuffer();
        new PanelRenderer(PanelLayout.Default).Render(view, expected);
        Framebuffer drawn = ReadPng(File.ReadAllBytes(png));
        for (int y = 0; y < Framebuffer.Height; y++)
        {
            for (int x = 0; x < Framebuffer.Width; x++)
            {
                Assert.True(expected.GetPixel(x, y) == drawn.GetPixel(x, y), $"pixel ({x}, {y}) differs");
            }
        }
    }

    [Theory]
    [InlineData("--page", "nope", "--page: 'nope' is not a page (home, modulators, offsets, bending, xy, loop, settings)")]
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

    // A PNG as the display command writes it at scale 1 (greyscale, one IDAT, filter 0 on every row) back to pixels.
    private static Framebuffer ReadPng(byte[] png)
    {
        using var idat = new MemoryStream();
        for (int at = 8; at < png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            if (Encoding.ASCII.GetString(png, at + 4, 4) == "IDAT")
            {
                idat.Write(png, at + 8, length);
            }

            at += 12 + length;
        }

        idat.Position = 0;
        using var inflate = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflate.CopyTo(raw);
        byte[] pixels = raw.ToArray();
        Assert.Equal(Framebuffer.Height * (Framebuffer.Width + 1), pixels.Length);
        var frame = new Framebuffer();
        for (int y = 0; y < Framebuffer.Height; y++)
        {
            Assert.Equal(0, pixels[y * (Framebuffer.Width + 1)]);
            for (int x = 0; x < Framebuffer.Width; x++)
            {
                frame.SetPixel(x, y, pixels[(y * (Framebuffer.Width + 1)) + 1 + x] != 0);
            }
        }

        return frame;
    }
}
