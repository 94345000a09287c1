using System.Device.I2c;

namespace LatentPlayground.Hardware.Simulation;

/// <summary>
/// An SSD1306 128x64 behind System.Device.Gpio's <see cref="I2cDevice"/>: parses the I2C byte stream
/// (datasheet rev 1.1, section 8.1.5: control bytes with Co and D/C#), decodes every command of the command
/// table (section 9, Table 9-1; charge pump 8Dh from the appendix) with its arguments — across transfers, as
/// the chip does — keeps the settings, and writes data into a 1024-byte GDDRAM through the column/page pointers
/// of the three addressing modes (section 10.1.3) and the 21h/22h windows.
/// <para>
/// Refused as malformed (recorded in <see cref="Faults"/>, and an <see cref="IOException"/> unless
/// <see cref="RejectMalformed"/> is false): an empty transfer; a control byte with bits 5:0 set; Co = 1 as a
/// transfer's last byte; data while a command still waits for arguments; an unknown command byte; arguments out
/// of their range (addressing mode 11b, column &gt; 127, page &gt; 7, multiplex 0–14, pre-charge phase 0, COM pins
/// not 00xx0010b, reserved bits set); a read (the pedal's display is write-only). After a refusal the rest of
/// the transfer is dropped and any half-received command is forgotten.
/// </para>
/// GDDRAM powers up holding a fixed noise pattern, as real RAM holds noise, so a host that forgets to write a
/// page shows it. Scrolling is decoded and stored but not animated.
/// Thread: any. Transfers and methods take the device's lock; the state properties are plain reads of values
/// set under it (exact from the thread that drives the device, possibly one transfer old from another).
/// </summary>
public sealed class SimulatedSsd1306 : I2cDevice
{
    /// <summary>Columns (segments).</summary>
    public const int Width = 128;

    /// <summary>Rows (commons).</summary>
    public const int Height = 64;

    /// <summary>Pages of 8 rows.</summary>
    public const int Pages = 8;

    private readonly Lock _gate = new();
    private readonly byte[] _ram = new byte[Width * Pages];
    private readonly int[] _pageDataWrites = new int[Pages];
    private readonly List<BusTransfer> _transfers = [];
    private readonly List<byte[]> _commands = [];
    private readonly FaultLog _faults;
    private readonly byte[] _args = new byte[6];
    private int _command = -1;     // command waiting for arguments, -1 when none
    private int _argsNeeded;
    private int _argsHave;

    /// <summary>A display at <paramref name="address"/> on bus <paramref name="busId"/>, in its reset state. Thread: any.</summary>
    public SimulatedSsd1306(int busId = 1, int address = 0x3C)
    {
        ConnectionSettings = new I2cConnectionSettings(busId, address);
        _faults = new FaultLog($"simulated SSD1306 at 0x{address:X2}");
        uint noise = 0x9E3779B9;
        for (int i = 0; i < _ram.Length; i++)
        {
            noise ^= noise << 13;
            noise ^= noise >> 17;
            noise ^= noise << 5;
            _ram[i] = (byte)noise;
        }
    }

    /// <inheritdoc/>
    public override I2cConnectionSettings ConnectionSettings { get; }

    /// <summary>
    /// Whether <see cref="Transfers"/> and <see cref="Commands"/> log each transfer and command (true; tests read
    /// them). <c>run --sim</c> turns it off, so a long session neither grows the logs nor allocates on the control thread.
    /// </summary>
    public bool RecordTransfers { get; set; } = true;

    /// <summary>False to record malformed transfers without refusing them. Default true. Thread: any.</summary>
    public bool RejectMalformed
    {
        get { lock (_gate) { return _faults.Reject; } }
        set { lock (_gate) { _faults.Reject = value; } }
    }

    /// <summary>Malformed input seen, one line each. Thread: any.</summary>
    public IReadOnlyList<string> Faults
    {
        get { lock (_gate) { return [.. _faults.Faults]; } }
    }

    /// <summary>Every transfer, in order. Thread: any.</summary>
    public IReadOnlyList<BusTransfer> Transfers
    {
        get { lock (_gate) { return [.. _transfers]; } }
    }

    /// <summary>Every command executed, with its arguments, in order. Thread: any.</summary>
    public IReadOnlyList<IReadOnlyList<byte>> Commands
    {
        get { lock (_gate) { return [.. _commands]; } }
    }

    /// <summary>Display on (AFh) or sleeping (AEh, the reset state).</summary>
    public bool DisplayOn { get; private set; }

    /// <summary>Charge pump enabled (8Dh 14h); off at reset.</summary>
    public bool ChargePumpEnabled { get; private set; }

    /// <summary>Contrast (81h); 7Fh at reset.</summary>
    public byte Contrast { get; private set; } = 0x7F;

    /// <summary>Memory addressing mode (20h); page at reset.</summary>
    public Ssd1306AddressingMode AddressingMode { get; private set; } = Ssd1306AddressingMode.Page;

    /// <summary>Segment remap (A1h): column 127 drives SEG0.</summary>
    public bool SegmentRemap { get; private set; }

    /// <summary>COM scan reversed (C8h): COM[N-1] to COM0.</summary>
    public bool ComScanReversed { get; private set; }

    /// <summary>Multiplex ratio (A8h argument + 1): rows driven; 64 at reset.</summary>
    public int MultiplexRatio { get; private set; } = 64;

    /// <summary>Display offset (D3h).</summary>
    public int DisplayOffset { get; private set; }

    /// <summary>Display start line (40h–7Fh).</summary>
    public int StartLine { get; private set; }

    /// <summary>Clock divide / oscillator (D5h argument); 80h at reset.</summary>
    public byte ClockDivide { get; private set; } = 0x80;

    /// <summary>Pre-charge periods (D9h argument); 22h at reset.</summary>
    public byte Precharge { get; private set; } = 0x22;

    /// <summary>COM pins configuration (DAh argument); 12h at reset.</summary>
    public byte ComPins { get; private set; } = 0x12;

    /// <summary>VCOMH deselect level (DBh argument); 20h at reset.</summary>
    public byte VcomhDeselect { get; private set; } = 0x20;

    /// <summary>Inverse display (A7h).</summary>
    public bool Inverse { get; private set; }

    /// <summary>Entire display on regardless of RAM (A5h).</summary>
    public bool EntireDisplayOn { get; private set; }

    /// <summary>Scrolling activated (2Fh); decoded, not animated.</summary>
    public bool ScrollActive { get; private set; }

    /// <summary>Column window start (21h), 0 at reset.</summary>
    public int ColumnStart { get; private set; }

    /// <summary>Column window end (21h), 127 at reset.</summary>
    public int ColumnEnd { get; private set; } = Width - 1;

    /// <summary>Page window start (22h), 0 at reset.</summary>
    public int PageStart { get; private set; }

    /// <summary>Page window end (22h), 7 at reset.</summary>
    public int PageEnd { get; private set; } = Pages - 1;

    /// <summary>The column pointer: where the next data byte goes.</summary>
    public int Column { get; private set; }

    /// <summary>The page pointer: where the next data byte goes.</summary>
    public int Page { get; private set; }

    /// <summary>GDDRAM data bytes written since power-up.</summary>
    public long DataBytesWritten { get; private set; }

    /// <summary>A copy of GDDRAM, page by page (byte <c>page * 128 + column</c>, bit 0 = top row of the page). Thread: any.</summary>
    public byte[] ReadGddram()
    {
        lock (_gate)
        {
            return (byte[])_ram.Clone();
        }
    }

    /// <summary>One GDDRAM bit: <paramref name="column"/> 0–127, <paramref name="row"/> 0–63. Thread: any.</summary>
    public bool GetRamPixel(int column, int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Width);
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Height);
        lock (_gate)
        {
            return (_ram[((row >> 3) * Width) + column] & (1 << (row & 7))) != 0;
        }
    }

    /// <summary>Data bytes written into <paramref name="page"/> since power-up (or <see cref="ClearTransfers"/>). Thread: any.</summary>
    public int PageDataWrites(int page)
    {
        lock (_gate)
        {
            return _pageDataWrites[page];
        }
    }

    /// <summary>
    /// Whether the pixel a viewer sees at (<paramref name="x"/>, <paramref name="y"/>) is lit, for the common
    /// 0.96" module whose glass shows GDDRAM (0, 0) at the top left under A1h/C8h: dark when the display is off
    /// or the charge pump is off, all lit under A5h, inverted under A7h; segment remap and COM direction
    /// mirror; start line and offset shift the picture up; rows past the multiplex ratio are dark. Thread: any.
    /// </summary>
    public bool GetVisiblePixel(int x, int y)
    {
        lock (_gate)
        {
            if ((uint)x >= Width || (uint)y >= Height || !DisplayOn || !ChargePumpEnabled || y >= MultiplexRatio)
            {
                return false;
            }

            if (EntireDisplayOn)
            {
                return true;
            }

            int scanRow = ComScanReversed ? y : MultiplexRatio - 1 - y;
            int row = (scanRow + StartLine + DisplayOffset) % Height;
            int column = SegmentRemap ? x : Width - 1 - x;
            bool bit = (_ram[((row >> 3) * Width) + column] & (1 << (row & 7))) != 0;
            return bit != Inverse;
        }
    }

    /// <summary>Forgets the transfer, command and page-write logs (the display state stays). Thread: any.</summary>
    public void ClearTransfers()
    {
        lock (_gate)
        {
            _transfers.Clear();
            _commands.Clear();
            Array.Clear(_pageDataWrites);
        }
    }

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_gate)
        {
            if (RecordTransfers)
            {
                _transfers.Add(new BusTransfer(BusDirection.Write, buffer.ToArray()));
            }
            try
            {
                Parse(buffer);
            }
            catch (IOException)
            {
                _command = -1;   // a refused transfer leaves no half command behind
                throw;
            }
        }
    }

    /// <inheritdoc/>
    public override void Read(Span<byte> buffer)
    {
        lock (_gate)
        {
            if (RecordTransfers)
            {
                _transfers.Add(new BusTransfer(BusDirection.Read, new byte[buffer.Length]));
            }
            buffer.Clear();
            _faults.Fail("read: the display is driven write-only (status reads are not modelled)");
        }
    }

    /// <inheritdoc/>
    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        lock (_gate)
        {
            Write(writeBuffer);
            Read(readBuffer);
        }
    }

    // Section 8.1.5: each control byte is Co, D/C#, then six zeros. Co = 1: one byte follows, then another
    // control byte; Co = 0: every remaining byte of the transfer is of the kind D/C# says.
    private void Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            _faults.Fail("empty transfer: a control byte is expected");
            return;
        }

        int i = 0;
        while (i < bytes.Length)
        {
            byte control = bytes[i++];
            if ((control & 0x3F) != 0)
            {
                _faults.Fail($"control byte 0x{control:X2} has bits 5:0 set (expected Co, D/C#, then six zeros)");
                return;
            }

            bool data = (control & 0x40) != 0;
            if ((control & 0x80) != 0)
            {
                if (i == bytes.Length)
                {
                    _faults.Fail($"control byte 0x{control:X2} (Co = 1) ends the transfer: its byte is missing");
                    return;
                }

                if (!Accept(data, bytes[i++]))
                {
                    return;
                }

                continue;
            }

            while (i < bytes.Length)
            {
                if (!Accept(data, bytes[i++]))
                {
                    return;
                }
            }
        }
    }

    // Returns false when the byte was refused (and not rejected with an exception).
    private bool Accept(bool data, byte b)
    {
        if (data)
        {
            if (_command >= 0)
            {
                return Fail($"data byte while command 0x{_command:X2} waits for {_argsNeeded - _argsHave} more argument byte(s)");
            }

            WriteRam(b);
            return true;
        }

        if (_command >= 0)
        {
            _args[_argsHave++] = b;
            if (_argsHave < _argsNeeded)
            {
                return true;
            }

            int command = _command;
            _command = -1;
            return Execute((byte)command, _args.AsSpan(0, _argsNeeded));
        }

        int needed = ArgumentCount(b);
        if (needed < 0)
        {
            return Fail($"unknown command 0x{b:X2}");
        }

        if (needed == 0)
        {
            return Execute(b, []);
        }

        _command = b;
        _argsNeeded = needed;
        _argsHave = 0;
        return true;
    }

    // Table 9-1: how many argument bytes follow each command; -1 for bytes that are not commands.
    private static int ArgumentCount(byte c) => c switch
    {
        <= 0x17 => 0,                               // 00h–0Fh lower column, 10h–17h upper column (columns < 128)
        0x20 => 1,
        0x21 or 0x22 => 2,
        0x26 or 0x27 => 6,
        0x29 or 0x2A => 5,
        0x2E or 0x2F => 0,
        >= 0x40 and <= 0x7F => 0,
        0x81 or 0x8D => 1,
        0xA0 or 0xA1 => 0,
        0xA3 => 2,
        >= 0xA4 and <= 0xA7 => 0,
        0xA8 => 1,
        0xAE or 0xAF => 0,
        >= 0xB0 and <= 0xB7 => 0,
        0xC0 or 0xC8 => 0,
        0xD3 or 0xD5 or 0xD9 or 0xDA or 0xDB => 1,
        0xE3 => 0,
        _ => -1,
    };

    private bool Execute(byte c, ReadOnlySpan<byte> a)
    {
        switch (c)
        {
            case <= 0x0F:
                Column = (Column & 0x70) | (c & 0x0F);
                break;
            case <= 0x17:
                Column = ((c & 0x07) << 4) | (Column & 0x0F);
                break;
            case 0x20:
                if ((a[0] & 0xFC) != 0 || a[0] == 0x03)
                {
                    return Fail($"20h argument 0x{a[0]:X2}: the addressing mode is 00b, 01b or 10b");
                }

                AddressingMode = (Ssd1306AddressingMode)a[0];
                break;
            case 0x21:
                if (a[0] > 127 || a[1] > 127 || a[0] > a[1])
                {
                    return Fail($"21h column window {a[0]}..{a[1]}: columns are 0–127, start before end");
                }

                (ColumnStart, ColumnEnd, Column) = (a[0], a[1], a[0]);
                break;
            case 0x22:
                if (a[0] > 7 || a[1] > 7 || a[0] > a[1])
                {
                    return Fail($"22h page window {a[0]}..{a[1]}: pages are 0–7, start before end");
                }

                (PageStart, PageEnd, Page) = (a[0], a[1], a[0]);
                break;
            case 0x26 or 0x27:
                if (a[0] != 0 || a[1] > 7 || a[2] > 7 || a[3] > 7 || a[4] != 0 || a[5] != 0xFF)
                {
                    return Fail($"{c:X2}h horizontal scroll setup {Convert.ToHexString(a)}: expected 00, page, interval, page, 00, FF");
                }

                break;
            case 0x29 or 0x2A:
                if (a[0] != 0 || a[1] > 7 || a[2] > 7 || a[3] > 7 || a[4] > 63)
                {
                    return Fail($"{c:X2}h vertical scroll setup {Convert.ToHexString(a)}: expected 00, page, interval, page, offset 0–63");
                }

                break;
            case 0x2E or 0x2F:
                ScrollActive = c == 0x2F;
                break;
            case >= 0x40 and <= 0x7F:
                StartLine = c & 0x3F;
                break;
            case 0x81:
                Contrast = a[0];
                break;
            case 0x8D:
                if ((a[0] & 0xFB) != 0x10)
                {
                    return Fail($"8Dh argument 0x{a[0]:X2}: the charge pump setting is 10h (off) or 14h (on)");
                }

                ChargePumpEnabled = a[0] == 0x14;
                break;
            case 0xA0 or 0xA1:
                SegmentRemap = c == 0xA1;
                break;
            case 0xA3:
                if (a[0] > 63 || a[1] > 64)
                {
                    return Fail($"A3h vertical scroll area {a[0]}, {a[1]}: rows 0–63 and 0–64");
                }

                break;
            case 0xA4 or 0xA5:
                EntireDisplayOn = c == 0xA5;
                break;
            case 0xA6 or 0xA7:
                Inverse = c == 0xA7;
                break;
            case 0xA8:
                if (a[0] < 15 || a[0] > 63)
                {
                    return Fail($"A8h multiplex argument {a[0]}: 15–63 (0–14 are invalid)");
                }

                MultiplexRatio = a[0] + 1;
                break;
            case 0xAE or 0xAF:
                DisplayOn = c == 0xAF;
                break;
            case >= 0xB0 and <= 0xB7:
                Page = c & 0x07;
                break;
            case 0xC0 or 0xC8:
                ComScanReversed = c == 0xC8;
                break;
            case 0xD3:
                if (a[0] > 63)
                {
                    return Fail($"D3h display offset {a[0]}: 0–63");
                }

                DisplayOffset = a[0];
                break;
            case 0xD5:
                ClockDivide = a[0];
                break;
            case 0xD9:
                if ((a[0] & 0x0F) == 0 || (a[0] & 0xF0) == 0)
                {
                    return Fail($"D9h pre-charge 0x{a[0]:X2}: neither phase may be 0");
                }

                Precharge = a[0];
                break;
            case 0xDA:
                if ((a[0] & 0xCF) != 0x02)
                {
                    return Fail($"DAh COM pins 0x{a[0]:X2}: the format is 00xx0010b");
                }

                ComPins = a[0];
                break;
            case 0xDB:
                if ((a[0] & 0x8F) != 0)
                {
                    return Fail($"DBh VCOMH 0x{a[0]:X2}: only bits 6:4 may be set");
                }

                VcomhDeselect = a[0];
                break;
            default:
                break;   // E3h: no operation
        }

        // Logged with the transfers only: run --sim turns both off, so a long session does not grow the log.
        if (RecordTransfers)
        {
            byte[] logged = new byte[1 + a.Length];
            logged[0] = c;
            a.CopyTo(logged.AsSpan(1));
            _commands.Add(logged);
        }

        return true;
    }

    // Section 10.1.3: after each data byte the pointers step according to the addressing mode.
    private void WriteRam(byte b)
    {
        _ram[(Page * Width) + Column] = b;
        _pageDataWrites[Page]++;
        DataBytesWritten++;
        switch (AddressingMode)
        {
            case Ssd1306AddressingMode.Page:
                // "If the column address pointer reaches column end address, the column address pointer is reset
                // to column start address and page address pointer is not changed."
                Column = Column == Width - 1 ? ColumnStart : Column + 1;
                break;
            case Ssd1306AddressingMode.Horizontal:
                if (Column < ColumnEnd)
                {
                    Column++;
                }
                else
                {
                    Column = ColumnStart;
                    Page = Page < PageEnd ? Page + 1 : PageStart;
                }

                break;
            default:
                if (Page < PageEnd)
                {
                    Page++;
                }
                else
                {
                    Page = PageStart;
                    Column = Column < ColumnEnd ? Column + 1 : ColumnStart;
                }

                break;
        }
    }

    private bool Fail(string problem)
    {
        _command = -1;
        _faults.Fail(problem);
        return false;
    }

    /// <summary>True once the driver that owns this device disposed it (a real bus would close its file there).</summary>
    public bool Disposed { get; private set; }

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
