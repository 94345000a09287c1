using System.Device.Spi;

namespace LatentPlayground.Hardware.Simulation;

/// <summary>
/// An MCP3008 (Microchip DS21295) behind System.Device.Gpio's <see cref="SpiDevice"/>, decoded bit by bit
/// the way the part sees SCLK, so any framing the datasheet allows works, not just the driver's:
/// <list type="bullet">
/// <item>chip select is taken as asserted for the length of one transfer call;</item>
/// <item>the first 1 on DIN is the start bit; the next four clocks are SGL/DIFF, D2, D1, D0 (DS21295
/// section 5.0, Table 5-2); the input is sampled on the clock after D0;</item>
/// <item>on the following clock DOUT gives the null bit (0), then B9..B0 MSB first, then — if the host keeps
/// clocking — B1..B9 again LSB first (DS21295 section 5.0), then zeros;</item>
/// <item>before the null bit DOUT is high impedance: those bits read as <see cref="HighImpedanceBit"/> (1 by
/// default, so a driver that forgets to mask them reads a wrong value).</item>
/// </list>
/// The code is 1024 · VIN / VREF, floored and limited to 0..1023; a pseudo-differential pair converts IN+ − IN−
/// and reads 0 when negative. A transfer with no start bit, one that ends before B0, or settings the part does
/// not support (SPI modes other than 0 and 3, clock above 3.6 MHz, words other than 8 bits) are faults:
/// recorded in <see cref="Faults"/> and refused with an <see cref="IOException"/> unless
/// <see cref="RejectMalformed"/> is false. Thread: any. Transfers and methods take the device's lock;
/// <see cref="LastConversion"/> is a plain read of a value set under it.
/// </summary>
public sealed class SimulatedMcp3008 : SpiDevice
{
    private const int MaxClockFrequency = 3_600_000;   // at VDD = 5 V (DS21295 section 1.0)

    private readonly Lock _gate = new();
    private readonly double[] _volts = new double[8];
    private readonly List<BusTransfer> _transfers = [];
    private readonly FaultLog _faults = new("simulated MCP3008");

    /// <summary>A device on <paramref name="settings"/> (bus 0, CE0, mode 0, 1 MHz when null) with all inputs at 0 V. Thread: any.</summary>
    public SimulatedMcp3008(SpiConnectionSettings? settings = null)
    {
        ConnectionSettings = settings ?? new SpiConnectionSettings(0, 0) { Mode = SpiMode.Mode0, ClockFrequency = 1_000_000, DataBitLength = 8 };
    }

    /// <inheritdoc/>
    public override SpiConnectionSettings ConnectionSettings { get; }

    /// <summary>The reference voltage. Default 3.3 V. Thread: any.</summary>
    public double VrefVolts { get; set; } = 3.3;

    /// <summary>What DOUT reads as while high impedance (before the null bit). Default 1. Thread: any.</summary>
    public int HighImpedanceBit { get; set; } = 1;

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

    /// <summary>The last conversion: single-ended or not, the D bits, the code. Null before any. Thread: any.</summary>
    public (bool SingleEnded, int Select, int Code)? LastConversion { get; private set; }

    /// <summary>Sets the voltage on CH<paramref name="channel"/> against VSS. Thread: any.</summary>
    public void SetVoltage(int channel, double volts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channel, 7);
        lock (_gate)
        {
            _volts[channel] = volts;
        }
    }

    /// <summary>Forgets the transfer log. Thread: any.</summary>
    public void ClearTransfers()
    {
        lock (_gate)
        {
            _transfers.Clear();
        }
    }

    /// <inheritdoc/>
    public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        if (writeBuffer.Length != readBuffer.Length)
        {
            throw new ArgumentException("full duplex: the write and read buffers must be the same length", nameof(readBuffer));
        }

        lock (_gate)
        {
            if (RecordTransfers)
            {
                _transfers.Add(new BusTransfer(BusDirection.Write, writeBuffer.ToArray()));
            }
            try
            {
                Clock(writeBuffer, readBuffer);
            }
            finally
            {
                if (RecordTransfers)
                {
                    _transfers.Add(new BusTransfer(BusDirection.Read, readBuffer.ToArray()));
                }
            }
        }
    }

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Span<byte> ignored = buffer.Length <= 256 ? stackalloc byte[buffer.Length] : new byte[buffer.Length];
        TransferFullDuplex(buffer, ignored);
    }

    /// <inheritdoc/>
    public override void Read(Span<byte> buffer)
    {
        // The host clocks zeros out on DIN: no start bit.
        TransferFullDuplex(buffer.Length <= 256 ? stackalloc byte[buffer.Length] : new byte[buffer.Length], buffer);
    }

    private void Clock(ReadOnlySpan<byte> din, Span<byte> dout)
    {
        CheckSettings();
        int clocks = din.Length * 8;
        int start = -1;
        int config = 0;
        int code = 0;
        int b0Clock = int.MaxValue;
        for (int clock = 0; clock < clocks; clock++)
        {
            int inBit = (din[clock >> 3] >> (7 - (clock & 7))) & 1;
            int outBit = HighImpedanceBit & 1;
            if (start < 0)
            {
                if (inBit == 1)
                {
                    start = clock;
                }
            }
            else
            {
                int n = clock - start;    // 1..4: SGL/DIFF, D2, D1, D0; 5: sample; 6: null; 7..16: B9..B0
                if (n <= 4)
                {
                    config = (config << 1) | inBit;
                    if (n == 4)
                    {
                        code = Convert(config);
                        b0Clock = start + 16;
                    }
                }
                else if (n == 6)
                {
                    outBit = 0;
                }
                else if (n >= 7 && n <= 16)
                {
                    outBit = (code >> (16 - n)) & 1;          // B9 at n = 7 ... B0 at n = 16
                }
                else if (n >= 17 && n <= 25)
                {
                    outBit = (code >> (n - 16)) & 1;          // B1 at n = 17 ... B9 at n = 25
                }
                else if (n > 25)
                {
                    outBit = 0;
                }
            }

            int mask = 1 << (7 - (clock & 7));
            dout[clock >> 3] = (byte)(outBit == 1 ? dout[clock >> 3] | mask : dout[clock >> 3] & ~mask);
        }

        if (start < 0)
        {
            _faults.Fail("no start bit in the transfer: nothing converted");
        }
        else if (b0Clock >= clocks)
        {
            _faults.Fail($"chip select released after {clocks} clocks, before the result's last bit (B0 at clock {(b0Clock == int.MaxValue ? start + 16 : b0Clock) + 1})");
        }
        else
        {
            LastConversion = ((config & 0x8) != 0, config & 0x7, code);
        }
    }

    // DS21295 Table 5-2: single-ended D2..D0 = channel; differential D2..D0 = pair, bit 0 = which side is IN+.
    private int Convert(int config)
    {
        bool single = (config & 0x8) != 0;
        int select = config & 0x7;
        double vin = single
            ? _volts[select]
            : _volts[select] - _volts[select ^ 1];
        double code = Math.Floor(1024 * vin / VrefVolts);
        return (int)Math.Clamp(code, 0, 1023);
    }

    private void CheckSettings()
    {
        SpiConnectionSettings s = ConnectionSettings;
        if (s.Mode is not (SpiMode.Mode0 or SpiMode.Mode3))
        {
            _faults.Fail($"SPI {s.Mode}: the part supports modes 0,0 and 1,1 only");
        }

        if (s.ClockFrequency > MaxClockFrequency)
        {
            _faults.Fail($"SPI clock {s.ClockFrequency} Hz is above the part's 3.6 MHz");
        }

        if (s.DataBitLength is not (0 or 8))
        {
            _faults.Fail($"SPI words of {s.DataBitLength} bits: the framing is in 8-bit segments");
        }
    }

    /// <summary>True once the driver that owns this device disposed it (a real bus would close its file there).</summary>
    public bool Disposed { get; private set; }

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
