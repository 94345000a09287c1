using LatentPlayground.Core.Ui;
using System.Device.I2c;
using C = LatentPlayground.Hardware.Display.Ssd1306Command;

namespace LatentPlayground.Hardware.Display;

/// <summary>
/// Solomon Systech SSD1306 128x64 OLED controller on I2C (datasheet rev 1.1), in page addressing mode.
/// Takes an open <see cref="I2cDevice"/> and never opens or disposes a bus itself.
/// <para>
/// Drawing goes into <see cref="Framebuffer"/>; <see cref="Flush"/> sends only the pages whose bytes differ
/// from what the display was last sent (compared against a shadow copy), so drawing a whole frame that
/// changes one value costs one page: 4 command bytes and 129 data bytes. Every transfer starts with the
/// I2C control byte (section 8.1.5): 00h before commands, 40h before GDDRAM data.
/// </para>
/// At 100 kHz a full frame (8 pages) takes about 0.1 s on the bus; run I2C1 at 400 kHz for 20 fps with
/// whole-screen changes. Thread: one thread (the control thread) for every member.
/// Not Iot.Device.Bindings' Ssd1306: it initialises 128x32 whatever the height (A8h 1Fh, DAh 02h), cannot be
/// constructed without a graphics package, and sends whole frames (BINDINGS.md, Bindings/Ssd1306BindingTests).
/// </summary>
public sealed class Ssd1306 : IDisposable
{
    /// <summary>The address with SA0 low, the usual module strapping (section 8.1.5: 0111100b).</summary>
    public const int DefaultI2cAddress = 0x3C;

    /// <summary>The address with SA0 high (0111101b).</summary>
    public const int AlternateI2cAddress = 0x3D;

    private readonly I2cDevice _device;
    private readonly Ssd1306Options _options;
    private readonly byte[] _shown = new byte[Framebuffer.Size];
    private readonly bool[] _shownValid = new bool[Framebuffer.Pages];
    private readonly byte[] _pageTransfer = new byte[1 + Framebuffer.Width];

    /// <summary>Uses <paramref name="device"/>; sends nothing until <see cref="Initialize"/>. Thread: any.</summary>
    public Ssd1306(I2cDevice device, Ssd1306Options? options = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
        _options = options ?? Ssd1306Options.Default;
    }

    /// <summary>The picture the next <see cref="Flush"/> sends. Thread: control.</summary>
    public Framebuffer Framebuffer { get; } = new();

    /// <summary>Pages sent since construction (for the load counters and tests).</summary>
    public long PagesSent { get; private set; }

    /// <summary>
    /// The initialisation sequence, in one command stream (datasheet section 10.1 for each command; the charge
    /// pump from the charge-pump appendix, which requires it before display on):
    /// display off; clock divide 80h; multiplex 63 (64 rows); display offset 0; start line 0; charge pump on;
    /// page addressing mode; segment remap; COM scan direction; COM pins alternative, no left/right remap (12h,
    /// the 128x64 modules' wiring); contrast; pre-charge F1h (phase 1 = 1, phase 2 = 15 DCLKs, the usual setting
    /// with the internal charge pump); VCOMH 20h (≈ 0.77 VCC, the reset level); resume to RAM content; normal
    /// display; display on. Thread: any.
    /// </summary>
    public static byte[] InitSequence(Ssd1306Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return
        [
            C.DisplayOff,
            C.SetClockDivide, 0x80,
            C.SetMultiplexRatio, 0x3F,
            C.SetDisplayOffset, 0x00,
            C.SetStartLine | 0,
            C.ChargePump, C.ChargePumpEnable,
            C.SetMemoryAddressingMode, C.PageAddressing,
            options.Rotate180 ? C.SegmentRemapOff : C.SegmentRemapOn,
            options.Rotate180 ? C.ComScanIncrement : C.ComScanDecrement,
            C.SetComPins, 0x12,
            C.SetContrast, options.Contrast,
            C.SetPrecharge, 0xF1,
            C.SetVcomhDeselect, 0x20,
            C.EntireDisplayResume,
            C.NormalDisplay,
            C.DisplayOn,
        ];
    }

    /// <summary>
    /// Sends the initialisation sequence, then the whole framebuffer (the GDDRAM holds noise at power-up).
    /// Call again after the module lost power. Thread: control.
    /// </summary>
    public void Initialize()
    {
        SendCommands(InitSequence(_options));
        Invalidate();
        Flush();
    }

    /// <summary>Forgets what the display shows, so the next <see cref="Flush"/> sends every page. Thread: control.</summary>
    public void Invalidate() => Array.Clear(_shownValid);

    /// <summary>
    /// Sends each page whose bytes changed since they were last sent: the page address commands
    /// (B0h + page, then column 0 as 00h and 10h) and the page's 128 bytes in one data transfer. A page whose
    /// transfer fails stays pending for the next flush. Returns the number of pages sent. Thread: control.
    /// </summary>
    public int Flush()
    {
        int sent = 0;
        for (int page = 0; page < Framebuffer.Pages; page++)
        {
            ReadOnlySpan<byte> drawn = Framebuffer.Page(page);
            Span<byte> shown = _shown.AsSpan(page * Framebuffer.Width, Framebuffer.Width);
            if (_shownValid[page] && drawn.SequenceEqual(shown))
            {
                continue;
            }

            SendPage(page, drawn);
            drawn.CopyTo(shown);
            _shownValid[page] = true;
            sent++;
        }

        PagesSent += sent;
        return sent;
    }

    /// <summary>
    /// Takes a whole picture already in GDDRAM order (1024 bytes, page by page, as the UI's framebuffer keeps
    /// it) into <see cref="Framebuffer"/> and flushes it: still only the changed pages go out. Thread: control.
    /// </summary>
    public int Flush(ReadOnlySpan<byte> picture)
    {
        Framebuffer.Load(picture);
        return Flush();
    }

    /// <summary>Sets the contrast (81h). Thread: control.</summary>
    public void SetContrast(byte contrast) => SendCommands([C.SetContrast, contrast]);

    /// <summary>Display on (AFh) or off into sleep (AEh); GDDRAM is kept. Thread: control.</summary>
    public void SetDisplayOn(bool on) => SendCommands([on ? C.DisplayOn : C.DisplayOff]);

    /// <summary>Inverse (A7h) or normal (A6h) display. Thread: control.</summary>
    public void SetInverted(bool inverted) => SendCommands([inverted ? C.InverseDisplay : C.NormalDisplay]);

    /// <summary>Sends <paramref name="commands"/> (with their arguments) as one command stream. Thread: control.</summary>
    public void SendCommands(ReadOnlySpan<byte> commands)
    {
        Span<byte> transfer = commands.Length < 64 ? stackalloc byte[1 + commands.Length] : new byte[1 + commands.Length];
        transfer[0] = C.ControlCommandStream;
        commands.CopyTo(transfer[1..]);
        _device.Write(transfer);
    }

    private void SendPage(int page, ReadOnlySpan<byte> bytes)
    {
        // Page addressing mode (section 10.1.3): B0h+page selects the page, 00h/10h put the column pointer at 0.
        SendCommands([(byte)(C.SetPageStart | page), C.SetLowerColumn | 0, C.SetHigherColumn | 0]);
        _pageTransfer[0] = C.ControlDataStream;
        bytes.CopyTo(_pageTransfer.AsSpan(1));
        _device.Write(_pageTransfer);
    }

    /// <summary>Disposes the I2C device it was given (the display keeps its last picture). Thread: control, once the driver is no longer used.</summary>
    public void Dispose() => _device.Dispose();
}
