namespace LatentPlayground.Hardware.Pins;

/// <summary>
/// The wiring of one pedal build, read from hardware/pinmap.json by <see cref="PinMapJson"/>: which GPIO line,
/// bus and address each control uses. GPIO numbers are the SoC's (BCM) line numbers on the 40-pin header,
/// not header pin numbers (<see cref="Pi5Header"/> converts). A loaded map has passed every check: lines in
/// range, none used twice, none the HAT needs, I2C addresses distinct and clear of the HAT's.
/// </summary>
public sealed record PinMap
{
    /// <summary>The file's schema version.</summary>
    public required int Schema { get; init; }

    /// <summary>The board, for people ("Raspberry Pi 5").</summary>
    public required string Board { get; init; }

    /// <summary>The gpiochip the header lines are on (the RP1 on a Pi 5).</summary>
    public required int GpioChip { get; init; }

    /// <summary>The audio HAT and what it takes.</summary>
    public required HatInfo Hat { get; init; }

    /// <summary>The I2C bus of the ADCs and the display.</summary>
    public required I2cBusPins I2c { get; init; }

    /// <summary>The SPI bus, when an MCP3008 is fitted.</summary>
    public SpiBusPins? Spi { get; init; }

    /// <summary>DIN MIDI in on a UART, when fitted.</summary>
    public MidiInPins? MidiIn { get; init; }

    /// <summary>The footswitches, left to right.</summary>
    public required IReadOnlyList<SwitchPin> Footswitches { get; init; }

    /// <summary>The LEDs.</summary>
    public required IReadOnlyList<LedPin> Leds { get; init; }

    /// <summary>The rotary encoder.</summary>
    public required EncoderPins Encoder { get; init; }

    /// <summary>The ADC chips.</summary>
    public required IReadOnlyList<AdcDevice> Adcs { get; init; }

    /// <summary>The knobs, left to right.</summary>
    public required IReadOnlyList<AnalogInput> Knobs { get; init; }

    /// <summary>The expression pedal input, when fitted.</summary>
    public AnalogInput? Expression { get; init; }

    /// <summary>The display.</summary>
    public required DisplayDevice Display { get; init; }
}

/// <summary>An audio HAT: the GPIO lines it uses alone, and the addresses it occupies on a shared I2C bus.</summary>
/// <param name="Name">For messages ("HiFiBerry DAC+ADC Pro").</param>
/// <param name="Gpio">Lines nothing else may use (I2S, ID EEPROM).</param>
/// <param name="I2cBus">The I2C bus its codecs sit on.</param>
/// <param name="I2cAddresses">Their 7-bit addresses.</param>
public sealed record HatInfo(string Name, IReadOnlyList<int> Gpio, int I2cBus, IReadOnlyList<int> I2cAddresses);

/// <summary>An I2C bus and its two lines.</summary>
public sealed record I2cBusPins(int Bus, int SdaGpio, int SclGpio);

/// <summary>An SPI bus, its lines and chip selects (index = chip-select number).</summary>
public sealed record SpiBusPins(int Bus, int SclkGpio, int MosiGpio, int MisoGpio, IReadOnlyList<int> ChipSelectGpio);

/// <summary>A UART receiving DIN MIDI through an optocoupler.</summary>
public sealed record MidiInPins(string Uart, int RxGpio);

/// <summary>A momentary switch to GND on one line.</summary>
public sealed record SwitchPin(string Name, int Gpio, bool ActiveLow);

/// <summary>An LED on one line.</summary>
public sealed record LedPin(string Name, int Gpio, bool ActiveHigh);

/// <summary>A quadrature encoder's contacts and push switch.</summary>
public sealed record EncoderPins(int AGpio, int BGpio, int? PushGpio, int TransitionsPerDetent);

/// <summary>The kinds of ADC the drivers support.</summary>
public enum AdcKind
{
    /// <summary>TI ADS1115 on I2C.</summary>
    Ads1115 = 0,

    /// <summary>Microchip MCP3008 on SPI.</summary>
    Mcp3008 = 1,
}

/// <summary>One ADC chip.</summary>
/// <param name="Name">What knobs refer to it by.</param>
/// <param name="Kind">The chip.</param>
/// <param name="I2cAddress">ADS1115: its address; else null.</param>
/// <param name="ChipSelect">MCP3008: its chip select on the SPI bus; else null.</param>
/// <param name="PotSupplyVolts">The voltage across the pots (sets the top-of-travel code).</param>
/// <param name="VrefVolts">MCP3008: the reference voltage; else null.</param>
public sealed record AdcDevice(string Name, AdcKind Kind, int? I2cAddress, int? ChipSelect, double PotSupplyVolts, double? VrefVolts)
{
    /// <summary>The inputs the chip has.</summary>
    public int ChannelCount => Kind == AdcKind.Ads1115 ? 4 : 8;
}

/// <summary>An analogue control: one channel of one ADC.</summary>
/// <param name="Name">The control's name ("1" for the first knob, "expression").</param>
/// <param name="Adc">The ADC's name.</param>
/// <param name="Channel">Its input number.</param>
public sealed record AnalogInput(string Name, string Adc, int Channel);

/// <summary>The display.</summary>
/// <param name="I2cAddress">The SSD1306's address.</param>
public sealed record DisplayDevice(int I2cAddress);
