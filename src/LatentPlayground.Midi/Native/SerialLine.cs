using System.Runtime.InteropServices;

namespace LatentPlayground.Midi.Native;

/// <summary>
/// Puts a tty into the state MIDI needs: raw 8N1 bytes in at a custom baud rate, set with the TCSETS2 ioctl
/// and BOTHER (the speed travels as a number). This replaces the Raspberry Pi's old trick of asking for 38400
/// and scaling the UART clock in config.txt, so the image needs no firmware tweak.
/// Thread: whichever owns the file descriptor.
/// </summary>
internal static unsafe class SerialLine
{
    // _IOR('T', 0x2A, struct termios2) and _IOW('T', 0x2B, struct termios2), with sizeof = 44 (asm-generic).
    public const uint TcGetS2 = 0x802C542A;
    public const uint TcSetS2 = 0x402C542B;

    public const uint CBaud = 0x100F;
    public const uint BOther = 0x1000;
    public const int InputBaudShift = 16;

    private const uint CSize = 0x30;
    private const uint CS8 = 0x30;
    private const uint CStopB = 0x40;
    private const uint CRead = 0x80;
    private const uint ParEnb = 0x100;
    private const uint CLocal = 0x800;
    private const uint CrtsCts = 0x80000000;

    // Input: no break, parity, stripping, CR/NL translation or XON/XOFF: MIDI bytes 0x11/0x13 are data.
    private const uint IgnBrk = 0x1, BrkInt = 0x2, ParMrk = 0x8, IStrip = 0x20, INlCr = 0x40, IgnCr = 0x80, ICrNl = 0x100, IxOn = 0x400, IxAny = 0x800, IxOff = 0x1000;
    private const uint OPost = 0x1;
    private const uint ISig = 0x1, ICanon = 0x2, Echo = 0x8, EchoNl = 0x40, IExten = 0x8000;
    private const int VTime = 5;
    private const int VMin = 6;

    /// <summary>True when <paramref name="fd"/> is a terminal (a UART, a USB serial adapter, a pty). Thread: the descriptor's owner.</summary>
    public static bool IsTerminal(int fd)
    {
        Termios2 t;
        return LibC.Ioctl(fd, TcGetS2, &t) == 0;
    }

    /// <summary>Sets raw 8N1 at <paramref name="baud"/>. Returns 0, or the errno of the failing ioctl. Thread: the descriptor's owner.</summary>
    public static int ConfigureRaw(int fd, uint baud)
    {
        Termios2 t;
        if (LibC.Ioctl(fd, TcGetS2, &t) != 0)
        {
            return Marshal.GetLastPInvokeError();
        }

        t.InputFlags &= ~(IgnBrk | BrkInt | ParMrk | IStrip | INlCr | IgnCr | ICrNl | IxOn | IxAny | IxOff);
        t.OutputFlags &= ~OPost;
        t.LocalFlags &= ~(Echo | EchoNl | ICanon | ISig | IExten);
        t.ControlFlags &= ~(CSize | ParEnb | CStopB | CrtsCts | CBaud | (CBaud << InputBaudShift));
        t.ControlFlags |= CS8 | CRead | CLocal | BOther | (BOther << InputBaudShift);
        t.InputSpeed = baud;
        t.OutputSpeed = baud;

        // The reader polls, so reads need not wait for a byte count or a timer.
        t.ControlChars[VMin] = 0;
        t.ControlChars[VTime] = 0;
        return LibC.Ioctl(fd, TcSetS2, &t) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>The output speed the line is set to, for checks; false when <paramref name="fd"/> is no tty. Thread: any.</summary>
    public static bool TryGetSpeed(int fd, out uint baud, out bool customRate)
    {
        Termios2 t;
        if (LibC.Ioctl(fd, TcGetS2, &t) != 0)
        {
            baud = 0;
            customRate = false;
            return false;
        }

        baud = t.OutputSpeed;
        customRate = (t.ControlFlags & CBaud) == BOther;
        return true;
    }
}
