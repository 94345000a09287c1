namespace LatentPlayground.Core.Ui;

/// <summary>
/// Draws text in <see cref="Font5x7"/>. A character cell is 6 x 8 pixels at (x, y): the glyph's top row
/// is y, its descender row y + 7. Draws only lit pixels (background untouched), so text can go over
/// bars or into an inverted box. Allocation-free. Thread: whoever owns the framebuffer.
/// </summary>
public static class Text
{
    /// <summary>Draws <paramref name="text"/> with its left edge at x; returns the x after the last character.</summary>
    public static int Draw(Framebuffer target, int x, int y, ReadOnlySpan<char> text, bool on = true)
    {
        ArgumentNullException.ThrowIfNull(target);
        foreach (char c in text)
        {
            ReadOnlySpan<byte> glyph = Font5x7.Glyph(c);
            for (int row = 0; row < Font5x7.GlyphHeight; row++)
            {
                int bits = glyph[row];
                for (int column = 0; column < Font5x7.GlyphWidth; column++)
                {
                    if ((bits & (1 << (Font5x7.GlyphWidth - 1 - column))) != 0)
                    {
                        target.SetPixel(x + column, y + row, on);
                    }
                }
            }

            x += Font5x7.Advance;
        }

        return x;
    }

    /// <summary>Draws <paramref name="text"/> so its last column is <paramref name="right"/>; returns its left x.</summary>
    public static int DrawRight(Framebuffer target, int right, int y, ReadOnlySpan<char> text)
    {
        int left = right - Font5x7.Width(text.Length) + 1;
        Draw(target, left, y, text);
        return left;
    }

    /// <summary>
    /// Draws <paramref name="text"/> lit, then flips a box one pixel wider on every side, so it reads as
    /// dark letters on a lit bar: the style for alarms such as a lost clock. Returns the x after the box.
    /// </summary>
    public static int DrawInverted(Framebuffer target, int x, int y, ReadOnlySpan<char> text)
    {
        ArgumentNullException.ThrowIfNull(target);
        int end = Draw(target, x, y, text);
        target.InvertRectangle(x - 1, y - 1, Font5x7.Width(text.Length) + 2, Font5x7.GlyphHeight + 1);
        return end + 1;
    }

    /// <summary>Characters of <paramref name="text"/> that fit in <paramref name="pixels"/> columns.</summary>
    public static ReadOnlySpan<char> Fit(ReadOnlySpan<char> text, int pixels)
    {
        int fits = Math.Max(0, (pixels + 1) / Font5x7.Advance);
        return text.Length <= fits ? text : text[..fits];
    }
}
