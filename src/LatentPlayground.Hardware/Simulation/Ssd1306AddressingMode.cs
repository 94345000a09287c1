namespace LatentPlayground.Hardware.Simulation;

/// <summary>The SSD1306's memory addressing modes, 20h's argument (datasheet rev 1.1, section 10.1.3).</summary>
public enum Ssd1306AddressingMode
{
    /// <summary>Column pointer steps, then wraps to the next page within the 21h/22h window.</summary>
    Horizontal = 0,

    /// <summary>Page pointer steps, then wraps to the next column within the 21h/22h window.</summary>
    Vertical = 1,

    /// <summary>Column pointer steps within the page chosen by B0h–B7h (the reset mode).</summary>
    Page = 2,
}
