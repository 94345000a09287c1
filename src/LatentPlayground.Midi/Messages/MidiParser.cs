namespace LatentPlayground.Midi.Messages;

/// <summary>
/// Turns a MIDI 1.0 byte stream into messages, one byte at a time, as bytes arrive from a wire.
/// Handles running status; system real-time bytes anywhere, even between a message's data bytes, without
/// disturbing that message; SysEx (skipped, ended by F7 or by any other status byte); and garbage: undefined
/// status bytes and data bytes with no status before them are dropped. Never throws, never allocates.
/// Thread: one thread at a time, the one that reads the stream (an input reader's thread, or the CLI's).
/// </summary>
public sealed class MidiParser
{
    // The status whose data bytes are being collected; 0 when there is none, so data bytes are dropped.
    private byte _status;
    private int _needed;
    private int _held;
    private byte _data1;
    private bool _inSysEx;

    /// <summary>
    /// Forgets any partial message and the running status, as after a reconnect where the stream restarts at an
    /// unknown byte. Thread: the parsing thread.
    /// </summary>
    public void Reset()
    {
        _status = 0;
        _needed = 0;
        _held = 0;
        _data1 = 0;
        _inSysEx = false;
    }

    /// <summary>
    /// Feeds one byte. Returns true, with the message, when this byte completes one; each byte completes at
    /// most one. Thread: the parsing thread.
    /// </summary>
    public bool TryFeed(byte value, out MidiMessage message)
    {
        if (value >= 0xF8)
        {
            return TryRealtime(value, out message);
        }

        message = default;
        if (value >= 0x80)
        {
            return TryStatus(value, ref message);
        }

        return TryData(value, ref message);
    }

    // Real-time bytes are single-byte messages that the spec lets interrupt anything, so they leave the
    // running status, a half-received message and a SysEx exactly as they were.
    private static bool TryRealtime(byte value, out MidiMessage message)
    {
        MidiMessageKind kind = value switch
        {
            0xF8 => MidiMessageKind.Clock,
            0xFA => MidiMessageKind.Start,
            0xFB => MidiMessageKind.Continue,
            0xFC => MidiMessageKind.Stop,
            0xFE => MidiMessageKind.ActiveSensing,
            0xFF => MidiMessageKind.Reset,
            _ => MidiMessageKind.None, // F9 and FD are undefined.
        };
        message = new MidiMessage(kind, 0, 0, 0);
        return kind != MidiMessageKind.None;
    }

    private bool TryStatus(byte value, ref MidiMessage message)
    {
        // Any status byte other than real-time ends a SysEx: a sender that drops the F7 must not make us
        // swallow everything after it.
        _inSysEx = false;
        _held = 0;

        if (value < 0xF0)
        {
            _status = value;
            _needed = (value & 0xF0) is 0xC0 or 0xD0 ? 1 : 2;
            return false;
        }

        // System common and SysEx cancel running status (MIDI 1.0 spec): data bytes after them that no status
        // claims are garbage.
        _status = 0;
        switch (value)
        {
            case 0xF0:
                _inSysEx = true;
                return false;
            case 0xF1 or 0xF3:
                _status = value;
                _needed = 1;
                return false;
            case 0xF2:
                _status = value;
                _needed = 2;
                return false;
            case 0xF6:
                message = new MidiMessage(MidiMessageKind.TuneRequest, 0, 0, 0);
                return true;
            default:
                // F7 outside a SysEx, and the undefined F4 and F5.
                return false;
        }
    }

    private bool TryData(byte value, ref MidiMessage message)
    {
        if (_inSysEx || _status == 0)
        {
            return false;
        }

        if (_held == 0)
        {
            _data1 = value;
            _held = 1;
            if (_needed == 2)
            {
                return false;
            }

            message = Build(_status, value, 0);
        }
        else
        {
            message = Build(_status, _data1, value);
        }

        _held = 0;
        if (_status >= 0xF0)
        {
            // Running status applies to channel messages only.
            _status = 0;
        }

        return true;
    }

    private static MidiMessage Build(byte status, byte data1, byte data2)
    {
        byte channel = (byte)(status & 0x0F);
        return status switch
        {
            0xF1 => new MidiMessage(MidiMessageKind.TimeCodeQuarterFrame, 0, data1, 0),
            0xF2 => new MidiMessage(MidiMessageKind.SongPosition, 0, data1, data2),
            0xF3 => new MidiMessage(MidiMessageKind.SongSelect, 0, data1, 0),
            _ => (status & 0xF0) switch
            {
                0x80 => new MidiMessage(MidiMessageKind.NoteOff, channel, data1, data2),

                // Senders use Note On with velocity 0 as Note Off so they can stay in running status.
                0x90 => new MidiMessage(data2 == 0 ? MidiMessageKind.NoteOff : MidiMessageKind.NoteOn, channel, data1, data2),
                0xA0 => new MidiMessage(MidiMessageKind.PolyPressure, channel, data1, data2),
                0xB0 => new MidiMessage(MidiMessageKind.ControlChange, channel, data1, data2),
                0xC0 => new MidiMessage(MidiMessageKind.ProgramChange, channel, data1, 0),
                0xD0 => new MidiMessage(MidiMessageKind.ChannelPressure, channel, data1, 0),
                _ => new MidiMessage(MidiMessageKind.PitchBend, channel, data1, data2),
            },
        };
    }
}
