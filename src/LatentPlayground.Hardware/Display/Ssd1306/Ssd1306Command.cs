namespace LatentPlayground.Hardware.Display;

/// <summary>
/// SSD1306 command bytes, from the command table of Solomon Systech's SSD1306 datasheet rev 1.1
/// (section 9, Table 9-1, "Command Table"; each command is described in section 10.1), plus the charge pump
/// command 8Dh from the datasheet's charge-pump appendix. A command's argument bytes follow it in the same
/// command stream.
/// </summary>
public static class Ssd1306Command
{
    /// <summary>00h–0Fh: lower nibble of the column start address, page addressing mode (section 10.1.1).</summary>
    public const byte SetLowerColumn = 0x00;

    /// <summary>10h–1Fh: upper nibble of the column start address, page addressing mode (section 10.1.2).</summary>
    public const byte SetHigherColumn = 0x10;

    /// <summary>20h, A[1:0]: memory addressing mode: 00b horizontal, 01b vertical, 10b page (section 10.1.3).</summary>
    public const byte SetMemoryAddressingMode = 0x20;

    /// <summary>20h argument: page addressing mode (the reset default).</summary>
    public const byte PageAddressing = 0x02;

    /// <summary>21h, A, B: column start and end address, horizontal/vertical modes (section 10.1.4).</summary>
    public const byte SetColumnAddress = 0x21;

    /// <summary>22h, A, B: page start and end address, horizontal/vertical modes (section 10.1.5).</summary>
    public const byte SetPageAddress = 0x22;

    /// <summary>40h–7Fh: display start line 0–63 (section 10.1.6).</summary>
    public const byte SetStartLine = 0x40;

    /// <summary>81h, A: contrast 1–256 as 00h–FFh, reset 7Fh (section 10.1.7).</summary>
    public const byte SetContrast = 0x81;

    /// <summary>8Dh, A: charge pump: 14h enables, 10h disables (charge pump appendix; send before display on).</summary>
    public const byte ChargePump = 0x8D;

    /// <summary>8Dh argument: enable the internal charge pump (modules without an external VCC).</summary>
    public const byte ChargePumpEnable = 0x14;

    /// <summary>A0h: column 0 drives SEG0 (section 10.1.8).</summary>
    public const byte SegmentRemapOff = 0xA0;

    /// <summary>A1h: column 127 drives SEG0 (section 10.1.8).</summary>
    public const byte SegmentRemapOn = 0xA1;

    /// <summary>A4h: display follows RAM ("resume to RAM content", section 10.1.9).</summary>
    public const byte EntireDisplayResume = 0xA4;

    /// <summary>A5h: every pixel on regardless of RAM (section 10.1.9).</summary>
    public const byte EntireDisplayOn = 0xA5;

    /// <summary>A6h: normal display, RAM 1 = pixel on (section 10.1.10).</summary>
    public const byte NormalDisplay = 0xA6;

    /// <summary>A7h: inverse display (section 10.1.10).</summary>
    public const byte InverseDisplay = 0xA7;

    /// <summary>A8h, A: multiplex ratio A+1, A in 15–63 (section 10.1.11).</summary>
    public const byte SetMultiplexRatio = 0xA8;

    /// <summary>AEh: display off, sleep (section 10.1.12).</summary>
    public const byte DisplayOff = 0xAE;

    /// <summary>AFh: display on (section 10.1.12).</summary>
    public const byte DisplayOn = 0xAF;

    /// <summary>B0h–B7h: page start address, page addressing mode (section 10.1.13).</summary>
    public const byte SetPageStart = 0xB0;

    /// <summary>C0h: scan COM0 to COM[N-1] (section 10.1.14).</summary>
    public const byte ComScanIncrement = 0xC0;

    /// <summary>C8h: scan COM[N-1] to COM0 (section 10.1.14).</summary>
    public const byte ComScanDecrement = 0xC8;

    /// <summary>D3h, A: vertical display offset 0–63 (section 10.1.15).</summary>
    public const byte SetDisplayOffset = 0xD3;

    /// <summary>D5h, A: clock divide ratio (A[3:0]+1) and oscillator frequency (A[7:4]), reset 80h (section 10.1.16).</summary>
    public const byte SetClockDivide = 0xD5;

    /// <summary>D9h, A: pre-charge period, phase 1 in A[3:0], phase 2 in A[7:4], neither 0; reset 22h (section 10.1.17).</summary>
    public const byte SetPrecharge = 0xD9;

    /// <summary>DAh, A: COM pins hardware configuration, A = 00xx0010b (section 10.1.18).</summary>
    public const byte SetComPins = 0xDA;

    /// <summary>DBh, A: VCOMH deselect level in A[6:4]: 00h ≈ 0.65 VCC, 20h ≈ 0.77 VCC (reset), 30h ≈ 0.83 VCC (section 10.1.19).</summary>
    public const byte SetVcomhDeselect = 0xDB;

    /// <summary>E3h: no operation (section 10.1.20).</summary>
    public const byte Nop = 0xE3;

    /// <summary>I2C control byte: Co = 0, D/C# = 0 — every following byte of the transfer is a command (section 8.1.5, "MCU I2C Interface").</summary>
    public const byte ControlCommandStream = 0x00;

    /// <summary>I2C control byte: Co = 0, D/C# = 1 — every following byte of the transfer is GDDRAM data (section 8.1.5, "MCU I2C Interface").</summary>
    public const byte ControlDataStream = 0x40;
}
