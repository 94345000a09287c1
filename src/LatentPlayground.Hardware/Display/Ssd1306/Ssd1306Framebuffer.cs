namespace LatentPlayground.Hardware.Display;

/// <summary>
/// A 128x64 monochrome picture in the SSD1306's own GDDRAM layout (datasheet rev 1.1, section 8.7 and
/// Figures 8-13/8-14): 8 pages of 128 bytes; byte <c>page * 128 + x</c> holds the column of 8 pixels at
/// <c>x</c>, rows <c>page * 8</c> (bit 0, top) to <c>page * 8 + 7</c> (bit 7). 1024 bytes in all, so a page
/// goes to the display as is. (0, 0) is the top-left pixel with the driver's default orientation.
/// Thread: one thread at a time (the control thread draws and flushes).
/// </summary>
public sealed class Ssd1306Framebuffer
{
    /// <summary>Pixels across.</summary>
    public const int Width = 128;

    /// <summary>Pixels down.</summary>
    public const int Height = 64;

    /// <summary>Pages of 8 rows.</summary>
    public const int Pages = Height / 8;

    /// <summary>Bytes in the whole picture.</summary>
    public const int Size = Width * Pages;

    private readonly byte[] _bytes = new byte[Size];

    /// <summary>The raw bytes, page by page, for drawing code that works in columns. Thread: control.</summary>
    public Span<byte> Bytes => _bytes;

    /// <summary>The 128 bytes of one page. Thread: control.</summary>
    public Span<byte> Page(int page)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(page, Pages);
        return _bytes.AsSpan(page * Width, Width);
    }

    /// <summary>Sets one pixel; pixels outside the picture are ignored (clipping). Thread: control.</summary>
    public void SetPixel(int x, int y, bool on)
    {
        if ((uint)x >= Width || (uint)y >= Height)
        {
            return;
        }

        int i = ((y >> 3) * Width) + x;
        byte mask = (byte)(1 << (y & 7));
        _bytes[i] = on ? (byte)(_bytes[i] | mask) : (byte)(_bytes[i] & ~mask);
    }

    /// <summary>One pixel; false outside the picture. Thread: control.</summary>
    public bool GetPixel(int x, int y)
    {
        if ((uint)x >= Width || (uint)y >= Height)
        {
            return false;
        }

        return (_bytes[((y >> 3) * Width) + x] & (1 << (y & 7))) != 0;
    }

    /// <summary>Every pixel off (or on). Thread: control.</summary>
    public void Clear(bool on = false) => Array.Fill(_bytes, on ? (byte)0xFF : (byte)0);
}
