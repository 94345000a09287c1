namespace LatentPlayground.Hardware.Display;

/// <summary>Panel settings of an SSD1306 128x64 module on I2C with the internal charge pump.</summary>
public sealed record Ssd1306Options
{
    /// <summary>The defaults.</summary>
    public static Ssd1306Options Default { get; } = new();

    /// <summary>Contrast, 81h's argument. Default 7Fh (the reset value, datasheet section 10.1.7).</summary>
    public byte Contrast { get; init; } = 0x7F;

    /// <summary>
    /// False (default): segment remap on (A1h) and COM scan reversed (C8h), which shows framebuffer (0, 0) at
    /// the top left of the common 0.96" modules with the header pins on top. True: A0h/C0h, for a module
    /// mounted upside down.
    /// </summary>
    public bool Rotate180 { get; init; }
}
