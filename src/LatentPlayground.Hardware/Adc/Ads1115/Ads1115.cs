using System.Buffers.Binary;
using System.Device.I2c;
using System.Diagnostics;

namespace LatentPlayground.Hardware.Adc;

/// <summary>
/// TI ADS1115 16-bit delta-sigma ADC on I2C (datasheet TI SBAS444), used in single-shot mode on its four
/// single-ended inputs. Takes an open <see cref="I2cDevice"/> and never opens or disposes a bus itself.
/// <para>
/// A conversion is one register write (Config with OS = 1), polling of the OS bit until the device reports
/// it is idle again, and one register read (Conversion). <see cref="ReadSingleShot"/> does all three and
/// blocks; <see cref="Ads1115Scanner"/> spreads them over control-loop ticks so nothing waits.
/// </para>
/// Section numbers cited in this folder are those of datasheet revision SBAS444D.
/// Not Iot.Device.Bindings' Ads1115: it puts the same bytes on the bus and allocates nothing, but its ReadRaw
/// spins until the conversion ends, which a control tick cannot afford (BINDINGS.md, Bindings/Ads1115BindingTests).
/// Thread: one thread at a time (the control thread); the bus transactions are not interlocked.
/// </summary>
public sealed class Ads1115 : IDisposable
{
    /// <summary>The address with ADDR tied to GND (SBAS444 section 9.5.1.1, "I2C Address Selection").</summary>
    public const int DefaultI2cAddress = 0x48;

    /// <summary>The address with ADDR tied to VDD.</summary>
    public const int AddrVddI2cAddress = 0x49;

    /// <summary>The number of single-ended inputs, AIN0 to AIN3.</summary>
    public const int ChannelCount = 4;

    // Config register fields, SBAS444 section 9.6.3 (Config Register field descriptions).
    private const ushort OsBit = 0x8000;          // bit 15: write 1 = start a single conversion; read 1 = idle
    private const int MuxShift = 12;              // bits 14:12: 100b + n = AINn against GND
    private const int MuxSingleEndedBase = 0b100;
    private const int PgaShift = 9;               // bits 11:9
    private const ushort ModeSingleShot = 0x0100; // bit 8: 1 = single-shot / power-down
    private const int DrShift = 5;                // bits 7:5
    private const ushort ComparatorDisabled = 0b11; // bits 1:0 COMP_QUE = 11b; COMP_MODE/POL/LAT left at 0

    private readonly I2cDevice _device;

    /// <summary>Uses <paramref name="device"/> with the given range and rate; writes nothing until a conversion starts. Thread: any.</summary>
    public Ads1115(I2cDevice device, Ads1115FullScale fullScale = Ads1115FullScale.Fsr4096, Ads1115DataRate dataRate = Ads1115DataRate.Sps860)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (!Enum.IsDefined(fullScale))
        {
            throw new ArgumentOutOfRangeException(nameof(fullScale), fullScale, "not a PGA setting");
        }

        if (!Enum.IsDefined(dataRate))
        {
            throw new ArgumentOutOfRangeException(nameof(dataRate), dataRate, "not a data rate");
        }

        _device = device;
        FullScale = fullScale;
        DataRate = dataRate;
    }

    /// <summary>The PGA range every conversion uses.</summary>
    public Ads1115FullScale FullScale { get; }

    /// <summary>The data rate every conversion uses.</summary>
    public Ads1115DataRate DataRate { get; }

    /// <summary>Volts per code: the full-scale voltage / 2^15 (SBAS444 section 9.3.3, 125 µV at ±4.096 V).</summary>
    public double LsbVolts => FullScaleVolts(FullScale) / 32768.0;

    /// <summary>The nominal time of one conversion, 1 / data rate (SBAS444, "Single-Shot Mode").</summary>
    public TimeSpan ConversionTime => TimeSpan.FromSeconds(1.0 / SamplesPerSecond(DataRate));

    /// <summary>The positive full-scale voltage of a PGA setting. Thread: any.</summary>
    public static double FullScaleVolts(Ads1115FullScale fullScale) => fullScale switch
    {
        Ads1115FullScale.Fsr6144 => 6.144,
        Ads1115FullScale.Fsr4096 => 4.096,
        Ads1115FullScale.Fsr2048 => 2.048,
        Ads1115FullScale.Fsr1024 => 1.024,
        Ads1115FullScale.Fsr512 => 0.512,
        Ads1115FullScale.Fsr256 => 0.256,
        _ => throw new ArgumentOutOfRangeException(nameof(fullScale), fullScale, "not a PGA setting"),
    };

    /// <summary>Conversions per second of a data-rate setting. Thread: any.</summary>
    public static int SamplesPerSecond(Ads1115DataRate dataRate) => dataRate switch
    {
        Ads1115DataRate.Sps8 => 8,
        Ads1115DataRate.Sps16 => 16,
        Ads1115DataRate.Sps32 => 32,
        Ads1115DataRate.Sps64 => 64,
        Ads1115DataRate.Sps128 => 128,
        Ads1115DataRate.Sps250 => 250,
        Ads1115DataRate.Sps475 => 475,
        Ads1115DataRate.Sps860 => 860,
        _ => throw new ArgumentOutOfRangeException(nameof(dataRate), dataRate, "not a data rate"),
    };

    /// <summary>
    /// The Config word that starts one single-shot conversion of AIN<paramref name="channel"/> against GND:
    /// OS = 1, MUX = 100b + channel, PGA, MODE = 1, DR, comparator disabled (COMP_QUE = 11b).
    /// For AIN0 at ±4.096 V and 860 SPS this is 0xC3E3. Thread: any.
    /// </summary>
    public static ushort SingleShotConfig(int channel, Ads1115FullScale fullScale, Ads1115DataRate dataRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, ChannelCount);
        return (ushort)(OsBit
            | ((MuxSingleEndedBase + channel) << MuxShift)
            | ((int)fullScale << PgaShift)
            | ModeSingleShot
            | ((int)dataRate << DrShift)
            | ComparatorDisabled);
    }

    /// <summary>Starts one single-shot conversion of AIN<paramref name="channel"/>. Thread: control.</summary>
    public void StartSingleShot(int channel) =>
        WriteRegister(Ads1115Register.Config, SingleShotConfig(channel, FullScale, DataRate));

    /// <summary>
    /// Reads the Config register and returns its OS bit: true when no conversion is running, so the last one
    /// has finished (SBAS444 section 9.6.3: "When reading: 1 = device is not currently performing a conversion").
    /// Thread: control.
    /// </summary>
    public bool IsConversionReady() => (ReadRegister(Ads1115Register.Config) & OsBit) != 0;

    /// <summary>Reads the Conversion register: the last result, two's complement. Thread: control.</summary>
    public short ReadConversion() => unchecked((short)ReadRegister(Ads1115Register.Conversion));

    /// <summary>
    /// Converts AIN<paramref name="channel"/> and waits for the result, polling the OS bit.
    /// Thread: control. Blocks about one conversion time (1.2 ms at 860 SPS) plus the bus transfers.
    /// </summary>
    /// <exception cref="TimeoutException">The device still reported a conversion running after <paramref name="timeout"/>.</exception>
    public short ReadSingleShot(int channel, TimeSpan timeout)
    {
        StartSingleShot(channel);
        long start = Stopwatch.GetTimestamp();
        while (!IsConversionReady())
        {
            // Each poll is a bus transfer of a few hundred microseconds, which paces the loop by itself.
            if (Stopwatch.GetElapsedTime(start) > timeout)
            {
                throw new TimeoutException($"ADS1115 at 0x{_device.ConnectionSettings.DeviceAddress:X2}: AIN{channel} conversion not finished after {timeout.TotalMilliseconds:0.#} ms");
            }
        }

        return ReadConversion();
    }

    /// <summary>A code in volts at the configured range. Thread: any.</summary>
    public double ToVolts(short code) => code * LsbVolts;

    /// <summary>
    /// Writes a 16-bit register: the pointer byte, then the value MSB first, in one transfer
    /// (SBAS444, "Writing To and Reading From the Registers": every write starts with the pointer byte). Thread: control.
    /// </summary>
    public void WriteRegister(Ads1115Register register, ushort value)
    {
        if (register == Ads1115Register.Conversion)
        {
            throw new ArgumentException("the Conversion register is read-only", nameof(register));
        }

        Span<byte> frame = stackalloc byte[3];
        frame[0] = (byte)register;
        BinaryPrimitives.WriteUInt16BigEndian(frame[1..], value);
        _device.Write(frame);
    }

    /// <summary>
    /// Reads a 16-bit register: writes the pointer byte, then reads two bytes MSB first (SBAS444, "Writing To and Reading From the Registers").
    /// Thread: control.
    /// </summary>
    public ushort ReadRegister(Ads1115Register register)
    {
        Span<byte> pointer = [(byte)register];
        Span<byte> value = stackalloc byte[2];
        _device.WriteRead(pointer, value);
        return BinaryPrimitives.ReadUInt16BigEndian(value);
    }

    /// <summary>Disposes the I2C device it was given, as dotnet/iot bindings do. Thread: control, once the driver is no longer used.</summary>
    public void Dispose() => _device.Dispose();
}
