using System.Buffers.Binary;
using System.Device.I2c;

namespace LatentPlayground.Hardware.Simulation;

/// <summary>
/// An ADS1115 as its register map (TI SBAS444 section 9.6), behind System.Device.Gpio's <see cref="I2cDevice"/>:
/// <list type="bullet">
/// <item>a write's first byte is the Address Pointer (P[1:0]; reserved bits 7:2 must be 0); one byte only moves
/// the pointer, three bytes write the pointed 16-bit register MSB first; the Conversion register is read-only;</item>
/// <item>a read returns the pointed register, two bytes MSB first;</item>
/// <item>Config resets to 8583h; writing OS = 1 in single-shot mode while idle starts a conversion of the
/// voltages set with <see cref="SetVoltage"/> through the MUX and PGA fields; the next
/// <see cref="PollsPerConversion"/> reads of Config show OS = 0 (busy), then OS = 1 and the result is in the
/// Conversion register (before that it holds the previous result). OS = 1 written during a conversion has no
/// effect. In continuous mode (MODE = 0) OS reads 0 and Conversion always holds the present input.</item>
/// </list>
/// Time is not modelled (conversions finish by polling) and neither are the comparator and ALERT/RDY pin
/// (the threshold registers are stored and read back). Malformed transfers are recorded in <see cref="Faults"/>
/// and refused with an <see cref="IOException"/> unless <see cref="RejectMalformed"/> is false.
/// Thread: any. Transfers and methods take the device's lock; <see cref="ConversionsStarted"/> is a plain read
/// of a value set under it.
/// </summary>
public sealed class SimulatedAds1115 : I2cDevice
{
    private const ushort OsBit = 0x8000;
    private const ushort ModeBit = 0x0100;

    private readonly Lock _gate = new();
    private readonly double[] _volts = new double[4];
    private readonly List<BusTransfer> _transfers = [];
    private readonly FaultLog _faults;
    private int _pointer;
    private ushort _config = 0x8583 & ~OsBit;   // without OS: OS is derived from the conversion state
    private ushort _loThresh = 0x8000;
    private ushort _hiThresh = 0x7FFF;
    private short _conversion;
    private bool _busy;
    private int _busyPollsLeft;
    private short _pending;

    /// <summary>A device at <paramref name="address"/> on bus <paramref name="busId"/>, all inputs at 0 V. Thread: any.</summary>
    public SimulatedAds1115(int busId = 1, int address = 0x48)
    {
        ConnectionSettings = new I2cConnectionSettings(busId, address);
        _faults = new FaultLog($"simulated ADS1115 at 0x{address:X2}");
    }

    /// <inheritdoc/>
    public override I2cConnectionSettings ConnectionSettings { get; }

    /// <summary>Config reads that still report a started conversion as busy. Default 1. Thread: any.</summary>
    public int PollsPerConversion { get; set; } = 1;

    /// <summary>
    /// Whether <see cref="Transfers"/> logs each transfer (true; tests read it). <c>run --sim</c> turns it off, so a
    /// long session neither grows the log nor allocates on the control thread.
    /// </summary>
    public bool RecordTransfers { get; set; } = true;

    /// <summary>False to record malformed transfers without refusing them. Default true. Thread: any.</summary>
    public bool RejectMalformed
    {
        get { lock (_gate) { return _faults.Reject; } }
        set { lock (_gate) { _faults.Reject = value; } }
    }

    /// <summary>Malformed transfers seen, one line each. Thread: any.</summary>
    public IReadOnlyList<string> Faults
    {
        get { lock (_gate) { return [.. _faults.Faults]; } }
    }

    /// <summary>Every transfer, in order. Thread: any.</summary>
    public IReadOnlyList<BusTransfer> Transfers
    {
        get { lock (_gate) { return [.. _transfers]; } }
    }

    /// <summary>Single-shot conversions started. Thread: any.</summary>
    public int ConversionsStarted { get; private set; }

    /// <summary>The Config register as a read would return it now (without counting as a poll). Thread: any.</summary>
    public ushort ConfigRegister
    {
        get { lock (_gate) { return ConfigAsRead(); } }
    }

    /// <summary>The Conversion register now. Thread: any.</summary>
    public short ConversionRegister
    {
        get { lock (_gate) { return CurrentConversion(); } }
    }

    /// <summary>Sets the voltage on AIN<paramref name="input"/> against GND. Thread: any.</summary>
    public void SetVoltage(int input, double volts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(input);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(input, 3);
        lock (_gate)
        {
            _volts[input] = volts;
        }
    }

    /// <summary>Forgets the transfer log (the registers stay). Thread: any.</summary>
    public void ClearTransfers()
    {
        lock (_gate)
        {
            _transfers.Clear();
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
            if (buffer.IsEmpty)
            {
                _faults.Fail("empty write: every write starts with the Address Pointer byte");
                return;
            }

            if ((buffer[0] & 0xFC) != 0)
            {
                _faults.Fail($"pointer byte 0x{buffer[0]:X2} has reserved bits 7:2 set");
                return;
            }

            if (buffer.Length == 1)
            {
                _pointer = buffer[0];
                return;
            }

            if (buffer.Length != 3)
            {
                _faults.Fail($"a register write is the pointer and 2 data bytes, not {buffer.Length - 1}");
                return;
            }

            _pointer = buffer[0];
            ushort value = BinaryPrimitives.ReadUInt16BigEndian(buffer[1..]);
            switch (_pointer)
            {
                case 0:
                    _faults.Fail("the Conversion register is read-only");
                    break;
                case 1:
                    WriteConfig(value);
                    break;
                case 2:
                    _loThresh = value;
                    break;
                default:
                    _hiThresh = value;
                    break;
            }
        }
    }

    /// <inheritdoc/>
    public override void Read(Span<byte> buffer)
    {
        lock (_gate)
        {
            if (buffer.Length != 2)
            {
                if (RecordTransfers)
                {
                    _transfers.Add(new BusTransfer(BusDirection.Read, new byte[buffer.Length]));
                }
                _faults.Fail($"a register read is 2 bytes, not {buffer.Length}");
                return;
            }

            ushort value = _pointer switch
            {
                0 => unchecked((ushort)CurrentConversion()),
                1 => PollConfig(),
                2 => _loThresh,
                _ => _hiThresh,
            };
            BinaryPrimitives.WriteUInt16BigEndian(buffer, value);
            if (RecordTransfers)
            {
                _transfers.Add(new BusTransfer(BusDirection.Read, buffer.ToArray()));
            }
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

    private void WriteConfig(ushort value)
    {
        _config = (ushort)(value & ~OsBit);
        if ((value & ModeBit) == 0)
        {
            _busy = false;   // continuous conversion: always converting, Conversion follows the input
            return;
        }

        if ((value & OsBit) != 0 && !_busy)
        {
            _busy = true;
            _busyPollsLeft = PollsPerConversion;
            _pending = Convert(_config);
            ConversionsStarted++;
        }
    }

    private ushort PollConfig()
    {
        if (_busy)
        {
            if (_busyPollsLeft > 0)
            {
                _busyPollsLeft--;
                return _config;
            }

            _busy = false;
            _conversion = _pending;
        }

        return ConfigAsRead();
    }

    private ushort ConfigAsRead()
    {
        bool continuous = (_config & ModeBit) == 0;
        return continuous || _busy ? _config : (ushort)(_config | OsBit);
    }

    private short CurrentConversion() => (_config & ModeBit) == 0 ? Convert(_config) : _conversion;

    // The MUX picks the inputs, the PGA the range; the result is the difference in LSBs, saturated
    // (SBAS444 section 9.3.3, and "Data Format": two's complement, saturating at 7FFFh and 8000h).
    private short Convert(ushort config)
    {
        int mux = (config >> 12) & 0x7;
        double difference = mux switch
        {
            0 => _volts[0] - _volts[1],
            1 => _volts[0] - _volts[3],
            2 => _volts[1] - _volts[3],
            3 => _volts[2] - _volts[3],
            _ => _volts[mux - 4],
        };

        double fullScale = ((config >> 9) & 0x7) switch
        {
            0 => 6.144,
            1 => 4.096,
            2 => 2.048,
            3 => 1.024,
            4 => 0.512,
            _ => 0.256,
        };

        double code = Math.Round(difference / (fullScale / 32768.0));
        return (short)Math.Clamp(code, short.MinValue, short.MaxValue);
    }

    /// <summary>True once the driver that owns this device disposed it (a real bus would close its file there).</summary>
    public bool Disposed { get; private set; }

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
