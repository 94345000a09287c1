using System.Device.Spi;

namespace LatentPlayground.Hardware.Adc;

/// <summary>
/// Microchip MCP3008 10-bit SAR ADC on SPI (datasheet Microchip DS21295). Takes an open
/// <see cref="SpiDevice"/> and never opens a bus itself.
/// <para>
/// Single-ended reads go through Iot.Device.Bindings' <c>Iot.Device.Adc.Mcp3008</c>: it sends the datasheet's
/// frame, reads the 10 bits, checks the null bit and allocates nothing per read (tests/…/Bindings/Mcp3008BindingTests;
/// BINDINGS.md). This type keeps the pedal's surface over it: <see cref="DefaultSettings"/>, a bus error as an
/// <see cref="IOException"/>, and <see cref="ReadDifferential"/> on its own frame, since the binding's
/// pseudo-differential read sends the even channel's code for both halves of a pair (CH3+ CH2- goes out as
/// D = 010b, which Table 5-2 defines as CH2+ CH3-).
/// </para>
/// <para>
/// One conversion is one 3-byte full-duplex transfer in the "8-bit segments" framing of DS21295 section 6.1,
/// Figure 6-1 (SPI mode 0,0): the host sends 0x01 (seven leading zeros and the start bit), then
/// SGL/DIFF, D2, D1, D0 in the top nibble of the second byte, then a don't-care byte. The device answers,
/// after the sample period, with a null bit (0) in bit 2 of the second byte, B9 and B8 in bits 1:0, and
/// B7..B0 in the third byte. Everything the device drives before the null bit is undefined and masked off.
/// </para>
/// Thread: one thread at a time (the control thread).
/// </summary>
public sealed class Mcp3008 : IDisposable
{
    /// <summary>The number of single-ended inputs, CH0 to CH7.</summary>
    public const int ChannelCount = 8;

    /// <summary>The largest code: 1024 · VIN / VREF saturates at 1023 (DS21295 section 4.0, "Device Operation").</summary>
    public const int MaxCode = 1023;

    /// <summary>
    /// SPI clock used by <see cref="DefaultSettings"/>: 1 MHz, under the 1.35 MHz the part allows at
    /// VDD = 2.7 V and the 3.6 MHz at 5 V (DS21295 section 1.0, timing specifications).
    /// </summary>
    public const int DefaultClockFrequency = 1_000_000;

    private const byte StartBit = 0x01;        // first byte: 0000 0001
    private const byte SingleEndedBit = 0x80;  // second byte, bit 7: SGL/DIFF = 1
    private const int ChannelShift = 4;        // second byte, bits 6:4: D2 D1 D0 (Table 5-2)

    private readonly SpiDevice _device;
    private readonly Iot.Device.Adc.Mcp3008 _binding;

    /// <summary>Uses <paramref name="device"/>; see <see cref="DefaultSettings"/> for how to open it. Thread: any.</summary>
    public Mcp3008(SpiDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
        _binding = new Iot.Device.Adc.Mcp3008(device);
    }

    /// <summary>
    /// The connection settings for the part on <paramref name="busId"/>/<paramref name="chipSelectLine"/>:
    /// mode 0 (the part also accepts mode 3), 8-bit words, MSB first, <see cref="DefaultClockFrequency"/>.
    /// Thread: any.
    /// </summary>
    public static SpiConnectionSettings DefaultSettings(int busId, int chipSelectLine) => new(busId, chipSelectLine)
    {
        Mode = SpiMode.Mode0,
        DataBitLength = 8,
        ClockFrequency = DefaultClockFrequency,
    };

    /// <summary>
    /// Fills the three bytes the host sends for one conversion: 0x01, then SGL/DIFF and D2..D0 in the top
    /// nibble, then 0x00. <paramref name="select"/> is the three D bits: the channel when single-ended, the
    /// pair code when differential (DS21295 Table 5-2). Thread: any.
    /// </summary>
    public static void BuildCommand(Span<byte> frame, bool singleEnded, int select)
    {
        if (frame.Length != 3)
        {
            throw new ArgumentException("a conversion frame is 3 bytes", nameof(frame));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(select);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(select, 7);
        frame[0] = StartBit;
        frame[1] = (byte)((singleEnded ? SingleEndedBit : 0) | (select << ChannelShift));
        frame[2] = 0;
    }

    /// <summary>
    /// Extracts the 10-bit result from the three bytes received: bits 1:0 of the second byte are B9 B8 and the
    /// third byte is B7..B0; the undefined bits and the null bit before them are ignored. Thread: any.
    /// </summary>
    public static int DecodeResult(ReadOnlySpan<byte> received)
    {
        if (received.Length != 3)
        {
            throw new ArgumentException("a conversion frame is 3 bytes", nameof(received));
        }

        return ((received[1] & 0x03) << 8) | received[2];
    }

    /// <summary>
    /// Converts single-ended input CH<paramref name="channel"/> (against VSS), through the binding: one 3-byte
    /// transfer, the frame of <see cref="BuildCommand"/>. Thread: control.
    /// </summary>
    /// <exception cref="IOException">The answer had its null bit set: nothing drives MISO (no chip on that select line, or MISO open).</exception>
    public int Read(int channel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, ChannelCount);
        try
        {
            return _binding.Read(channel);
        }
        catch (InvalidOperationException e)
        {
            // The binding checks the null bit the part drives before B9 (DS21295 Figure 6-1); a bus fault is an
            // IOException everywhere else in the pedal, and the control loop handles those.
            throw new IOException($"MCP3008 on SPI {_device.ConnectionSettings.BusId}.{_device.ConnectionSettings.ChipSelectLine}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Converts a pseudo-differential pair: <paramref name="positive"/> is IN+, its partner in the pair
    /// (CH0/CH1, CH2/CH3, CH4/CH5, CH6/CH7) is IN-. A negative difference reads 0 (DS21295 Table 5-2).
    /// Thread: control.
    /// </summary>
    public int ReadDifferential(int positive)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(positive);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(positive, ChannelCount);

        // The D bits of a pair are the IN+ channel's number: 000 = CH0+ CH1-, 001 = CH0- CH1+, ...
        return Transfer(singleEnded: false, positive);
    }

    private int Transfer(bool singleEnded, int select)
    {
        Span<byte> command = stackalloc byte[3];
        Span<byte> answer = stackalloc byte[3];
        BuildCommand(command, singleEnded, select);
        _device.TransferFullDuplex(command, answer);
        return DecodeResult(answer);
    }

    /// <summary>Disposes the binding and with it the SPI device it was given. Thread: control, once the driver is no longer used.</summary>
    public void Dispose() => _binding.Dispose();
}
