namespace LatentPlayground.Core.Ui;

/// <summary>
/// A 128x64 one-bit picture laid out exactly as the SSD1306 keeps its GDDRAM (datasheet rev 1.1, section 8.7):
/// 8 pages of 128 bytes, byte <c>page * 128 + x</c> holds column <c>x</c> of rows <c>page * 8</c> (bit 0, top)
/// to <c>page * 8 + 7</c> (bit 7). The display driver sends <see cref="Bytes"/> as it is, so no conversion
/// runs per frame. (0, 0) is the top-left pixel; everything drawn outside the picture is clipped.
/// Thread: one at a time (the control thread draws, then hands the bytes to the driver).
/// </summary>
public sealed class Framebuffer
{
    public const int Width = 128;

    public const int Height = 64;

    /// <summary>Pages of eight rows.</summary>
    public const int Pages = Height / 8;

    /// <summary>Bytes in the picture (1024).</summary>
    public const int Size = Width * Pages;

    private readonly byte[] _bytes = new byte[Size];

    /// <summary>The picture in GDDRAM order, for the display driver and golden files.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The 128 bytes of one page, as the display takes them.</summary>
    public ReadOnlySpan<byte> Page(int page)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(page, Pages);
        return _bytes.AsSpan(page * Width, Width);
    }

    /// <summary>Copies the picture into a driver's buffer of <see cref="Size"/> bytes.</summary>
    public void CopyTo(Span<byte> destination) => _bytes.CopyTo(destination);

    /// <summary>Replaces the picture with <paramref name="source"/> (<see cref="Size"/> bytes, GDDRAM order).</summary>
    public void Load(ReadOnlySpan<byte> source)
    {
        if (source.Length != Size)
        {
            throw new ArgumentException($"a framebuffer is {Size} bytes, not {source.Length}", nameof(source));
        }

        source.CopyTo(_bytes);
    }

    /// <summary>Every pixel off.</summary>
    public void Clear() => Array.Clear(_bytes);

    public void SetPixel(int x, int y, bool on = true)
    {
        if ((uint)x >= Width || (uint)y >= Height)
        {
            return;
        }

        int i = ((y >> 3) * Width) + x;
        byte mask = (byte)(1 << (y & 7));
        _bytes[i] = on ? (byte)(_bytes[i] | mask) : (byte)(_bytes[i] & ~mask);
    }

    /// <summary>One pixel; false outside the picture.</summary>
    public bool GetPixel(int x, int y)
    {
        if ((uint)x >= Width || (uint)y >= Height)
        {
            return false;
        }

        return (_bytes[((y >> 3) * Width) + x] & (1 << (y & 7))) != 0;
    }

    public void InvertPixel(int x, int y)
    {
        if ((uint)x >= Width || (uint)y >= Height)
        {
            return;
        }

        _bytes[((y >> 3) * Width) + x] ^= (byte)(1 << (y & 7));
    }

    /// <summary>Row <paramref name="y"/> from <paramref name="x0"/> to <paramref name="x1"/>, both included.</summary>
    public void HorizontalLine(int x0, int x1, int y, bool on = true)
    {
        (x0, x1) = x0 <= x1 ? (x0, x1) : (x1, x0);
        for (int x = Math.Max(x0, 0); x <= Math.Min(x1, Width - 1); x++)
        {
            SetPixel(x, y, on);
        }
    }

    /// <summary>Column <paramref name="x"/> from <paramref name="y0"/> to <paramref name="y1"/>, both included.</summary>
    public void VerticalLine(int x, int y0, int y1, bool on = true)
    {
        (y0, y1) = y0 <= y1 ? (y0, y1) : (y1, y0);
        for (int y = Math.Max(y0, 0); y <= Math.Min(y1, Height - 1); y++)
        {
            SetPixel(x, y, on);
        }
    }

    /// <summary>A straight line between two points, both included (Bresenham, integers only).</summary>
    public void Line(int x0, int y0, int x1, int y1, bool on = true)
    {
        int dx = Math.Abs(x1 - x0);
        int dy = -Math.Abs(y1 - y0);
        int sx = x0 < x1 ? 1 : -1;
        int sy = y0 < y1 ? 1 : -1;
        int error = dx + dy;
        while (true)
        {
            SetPixel(x0, y0, on);
            if (x0 == x1 && y0 == y1)
            {
                return;
            }

            int twice = 2 * error;
            if (twice >= dy)
            {
                error += dy;
                x0 += sx;
            }

            if (twice <= dx)
            {
                error += dx;
                y0 += sy;
            }
        }
    }

    /// <summary>The outline of a <paramref name="width"/> x <paramref name="height"/> box at (x, y).</summary>
    public void Rectangle(int x, int y, int width, int height, bool on = true)
    {
        if (width <= 0 || height <= 0)
        {
            return;
        }

        HorizontalLine(x, x + width - 1, y, on);
        HorizontalLine(x, x + width - 1, y + height - 1, on);
        VerticalLine(x, y, y + height - 1, on);
        VerticalLine(x + width - 1, y, y + height - 1, on);
    }

    public void FillRectangle(int x, int y, int width, int height, bool on = true)
    {
        for (int row = y; row < y + height; row++)
        {
            HorizontalLine(x, x + width - 1, row, on);
        }
    }

    /// <summary>Flips every pixel of a box: how a selected item or an alarm is shown inverted.</summary>
    public void InvertRectangle(int x, int y, int width, int height)
    {
        for (int row = Math.Max(y, 0); row < Math.Min(y + height, Height); row++)
        {
            for (int column = Math.Max(x, 0); column < Math.Min(x + width, Width); column++)
            {
                InvertPixel(column, row);
            }
        }
    }
}
