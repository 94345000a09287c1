using LatentPlayground.Core.Ui;

namespace LatentPlayground.Core.Tests.Ui;

/// <summary>The panel's drawing foundation: SSD1306 page layout, the font, text and latent bars.</summary>
public sealed class FramebufferAndFontTests
{
    [Theory]
    [InlineData(0, 0, 0, 0x01)]
    [InlineData(5, 7, 5, 0x80)]
    [InlineData(127, 8, 128 + 127, 0x01)]
    [InlineData(3, 63, (7 * 128) + 3, 0x80)]
    public void A_pixel_lands_where_the_SSD1306_reads_it(int x, int y, int index, int bits)
    {
        // Datasheet, horizontal/page addressing: byte n of page p drives column n, rows 8p..8p+7, LSB on top.
        var fb = new Framebuffer();
        fb.SetPixel(x, y);
        Assert.Equal(bits, fb.Bytes[index]);
        Assert.Equal(1, fb.Bytes.ToArray().Count(b => b != 0));
        Assert.True(fb.GetPixel(x, y));
        fb.SetPixel(x, y, on: false);
        Assert.All(fb.Bytes.ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public void Pixels_outside_the_panel_are_ignored()
    {
        var fb = new Framebuffer();
        fb.SetPixel(-1, 0);
        fb.SetPixel(128, 10);
        fb.SetPixel(0, 64);
        Assert.All(fb.Bytes.ToArray(), b => Assert.Equal(0, b));
        Assert.False(fb.GetPixel(200, 200));
    }

    [Fact]
    public void Every_printable_character_has_its_own_glyph_and_others_show_a_question_mark()
    {
        var seen = new HashSet<string>();
        for (char c = Font5x7.First; c <= Font5x7.Last; c++)
        {
            byte[] glyph = Font5x7.Glyph(c).ToArray();
            Assert.Equal(Font5x7.GlyphHeight, glyph.Length);
            Assert.All(glyph, row => Assert.True(row < (1 << Font5x7.GlyphWidth)));
            Assert.True(c == ' ' || glyph.Any(r => r != 0), $"'{c}' draws nothing");
            Assert.True(seen.Add(Convert.ToHexString(glyph)), $"'{c}' looks like another character");
        }

        Assert.Equal(Font5x7.Glyph('?').ToArray(), Font5x7.Glyph('é').ToArray());
    }

    [Fact]
    public void Text_advances_six_pixels_a_character_and_draws_without_allocating()
    {
        var fb = new Framebuffer();
        Assert.Equal(6 * 5, Text.Draw(fb, 0, 0, "120.0"));
        Assert.Equal(29, Font5x7.Width(5));
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            Text.Draw(fb, 0, 8, "BPM 174.0 midi");
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(fb.GetPixel(0, 8) || fb.GetPixel(1, 8) || fb.GetPixel(0, 9));
    }

    [Theory]
    [InlineData(3.0, 20, 12)]
    [InlineData(-3.0, 20, 28)]
    [InlineData(9.0, 20, 12)]
    public void Latent_bars_run_from_the_centre_to_the_value_full_length_at_three(double value, int centre, int tipRow)
    {
        var fb = new Framebuffer();
        Bars.Vertical(fb, 10, 3, centre, 8, value);
        Assert.True(fb.GetPixel(10, tipRow));
        Assert.True(fb.GetPixel(12, centre));
        Assert.False(fb.GetPixel(10, value > 0 ? tipRow - 1 : tipRow + 1));
    }

    [Fact]
    public void A_zero_latent_draws_no_bar()
    {
        var fb = new Framebuffer();
        Bars.Vertical(fb, 10, 3, 20, 8, 0);
        Assert.All(fb.Bytes.ToArray(), b => Assert.Equal(0, b));
    }
}
