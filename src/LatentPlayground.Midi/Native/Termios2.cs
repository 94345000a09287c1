using System.Runtime.InteropServices;

namespace LatentPlayground.Midi.Native;

/// <summary>
/// Linux's <c>struct termios2</c> (asm-generic): unlike the classic termios, it carries the line speed as a
/// plain number, which is how a UART gets MIDI's 31250 baud, a rate the fixed Bxxx constants do not have.
/// 44 bytes.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct Termios2
{
    public const int ControlCharacters = 19;

    public uint InputFlags;
    public uint OutputFlags;
    public uint ControlFlags;
    public uint LocalFlags;
    public byte LineDiscipline;
    public fixed byte ControlChars[ControlCharacters];
    public uint InputSpeed;
    public uint OutputSpeed;
}
