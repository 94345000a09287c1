using LatentPlayground.Files;
using System.Globalization;
using System.Text.Json;
using LatentPlayground.Core.Json;

namespace LatentPlayground.Hardware.Pins;

/// <summary>
/// Reads and checks hardware/pinmap.json. Every problem is a <see cref="PinMapFormatException"/> with one line
/// naming the file and the field's path, for example
/// <c>pinmap.json: leds[1].gpio: GPIO 19 is used by the HAT (HiFiBerry DAC+ADC Pro)</c>. Checked: JSON syntax,
/// required fields and their types, unknown fields, GPIO lines on the header (0–27), no line used twice (the I2C,
/// SPI and UART lines included), no line the HAT takes, ADC channels in range and used once, names unique and
/// resolvable, I2C addresses valid for their chip, distinct, and clear of the HAT's on a shared bus.
/// Pure text in, a model out: reading the file is <see cref="Load"/>'s only I/O. Thread: any.
/// </summary>
public static class PinMapJson
{
    /// <summary>The schema version this code reads.</summary>
    public const int Schema = 1;

    /// <summary>Reads and checks the pin map at <paramref name="path"/>. Thread: any (the control thread at start).</summary>
    /// <exception cref="PinMapFormatException">Anything wrong with the content, named in one line.</exception>
    /// <exception cref="InputFileException">Missing, not a regular file, or too large.</exception>
    public static PinMap Load(string path) => Parse(InputFile.ReadAllText(path, InputFile.SmallJsonLimit, "pin map"), Path.GetFileName(path));

    /// <summary>Parses and checks a pin map; <paramref name="source"/> names it in messages. Thread: any.</summary>
    /// <exception cref="PinMapFormatException">Anything wrong, named in one line.</exception>
    public static PinMap Parse(string json, string source)
    {
        var f = new PinMapErrors(source);
        PinMapContract file = JsonFile.Read(json, PinMapContext.Default.PinMapContract, f);
        int schema = f.Required(file.Schema, "schema");
        if (schema != Schema)
        {
            throw f.Bad("schema", $"{schema} is not a version this firmware reads ({Schema})");
        }

        var pins = new PinLedger(f);
        HatInfo hat = ReadHat(f, f.Required(file.Hat, "hat"));
        pins.Reserve(hat);
        var map = new PinMap
        {
            Schema = schema,
            Board = f.Text(file.Board, "board"),
            GpioChip = f.NonNegative(file.GpioChip, "gpioChip"),
            Hat = hat,
            I2c = ReadI2c(f, f.Required(file.I2c, "i2c"), pins),
            Spi = file.Spi is { } spi ? ReadSpi(f, spi, pins) : null,
            MidiIn = file.MidiIn is { } midi ? new MidiInPins(f.Text(midi.Uart, "midiIn.uart"), pins.Claim(f.Required(midi.RxGpio, "midiIn.rxGpio"), "midiIn.rxGpio")) : null,
            Footswitches = ReadSwitches(f, f.Required(file.Footswitches, "footswitches"), pins),
            Leds = ReadLeds(f, f.Required(file.Leds, "leds"), pins),
            Encoder = ReadEncoder(f, f.Required(file.Encoder, "encoder"), pins),
            Adcs = [],
            Knobs = [],
            Display = new DisplayDevice(0),
        };

        IReadOnlyList<AdcDevice> adcs = ReadAdcs(f, f.Required(file.Adcs, "adcs"), map);
        var channels = new Dictionary<(string, int), string>();
        var knobs = new List<AnalogInput>();
        foreach (InputContract k in f.Required(file.Knobs, "knobs"))
        {
            string path = $"knobs[{knobs.Count}]";
            knobs.Add(ReadInput(f, k, path, UniqueName(f, k.Name, path, knobs.Select(n => n.Name)), adcs, channels));
        }

        AnalogInput? expression = file.Expression is { } ex
            ? ReadInput(f, ex, "expression", ex.Name is null ? "expression" : f.Text(ex.Name, "expression.name"), adcs, channels)
            : null;
        DisplayDevice display = ReadDisplay(f, f.Required(file.Display, "display"));
        CheckI2cAddresses(f, hat, map.I2c, adcs, display);
        return map with { Adcs = adcs, Knobs = knobs, Expression = expression, Display = display };
    }

    private static HatInfo ReadHat(PinMapErrors f, HatContract hat)
    {
        string name = f.Text(hat.Name, "hat.name");
        List<int> gpio = f.Required(hat.Gpio, "hat.gpio");
        for (int i = 0; i < gpio.Count; i++)
        {
            PinLedger.CheckRange(f, gpio[i], $"hat.gpio[{i}]");
        }

        List<JsonElement> addresses = f.Required(hat.I2cAddresses, "hat.i2cAddresses");
        return new HatInfo(name, gpio, f.NonNegative(hat.I2cBus, "hat.i2cBus"), [.. addresses.Select((a, i) => Address(f, a, $"hat.i2cAddresses[{i}]"))]);
    }

    private static I2cBusPins ReadI2c(PinMapErrors f, I2cContract i2c, PinLedger pins) => new(
        f.NonNegative(i2c.Bus, "i2c.bus"),
        pins.Claim(f.Required(i2c.SdaGpio, "i2c.sdaGpio"), "i2c.sdaGpio"),
        pins.Claim(f.Required(i2c.SclGpio, "i2c.sclGpio"), "i2c.sclGpio"));

    private static SpiBusPins ReadSpi(PinMapErrors f, SpiContract spi, PinLedger pins)
    {
        int bus = f.NonNegative(spi.Bus, "spi.bus");
        int sclk = pins.Claim(f.Required(spi.SclkGpio, "spi.sclkGpio"), "spi.sclkGpio");
        int mosi = pins.Claim(f.Required(spi.MosiGpio, "spi.mosiGpio"), "spi.mosiGpio");
        int miso = pins.Claim(f.Required(spi.MisoGpio, "spi.misoGpio"), "spi.misoGpio");
        List<int> cs = f.Required(spi.ChipSelectGpio, "spi.chipSelectGpio");
        for (int i = 0; i < cs.Count; i++)
        {
            pins.Claim(cs[i], $"spi.chipSelectGpio[{i}]");
        }

        return cs.Count > 0 ? new SpiBusPins(bus, sclk, mosi, miso, cs) : throw f.Bad("spi.chipSelectGpio", "must list at least one chip-select line");
    }

    private static List<SwitchPin> ReadSwitches(PinMapErrors f, List<SwitchContract> switches, PinLedger pins)
    {
        var list = new List<SwitchPin>();
        foreach (SwitchContract e in switches)
        {
            string path = $"footswitches[{list.Count}]";
            string name = UniqueName(f, e.Name, path, list.Select(s => s.Name));
            list.Add(new SwitchPin(name, pins.Claim(f.Required(e.Gpio, $"{path}.gpio"), $"{path}.gpio"), e.ActiveLow ?? true));
        }

        return list;
    }

    private static List<LedPin> ReadLeds(PinMapErrors f, List<LedContract> leds, PinLedger pins)
    {
        var list = new List<LedPin>();
        foreach (LedContract e in leds)
        {
            string path = $"leds[{list.Count}]";
            string name = UniqueName(f, e.Name, path, list.Select(l => l.Name));
            list.Add(new LedPin(name, pins.Claim(f.Required(e.Gpio, $"{path}.gpio"), $"{path}.gpio"), e.ActiveHigh ?? true));
        }

        return list;
    }

    private static EncoderPins ReadEncoder(PinMapErrors f, EncoderContract enc, PinLedger pins)
    {
        int a = pins.Claim(f.Required(enc.AGpio, "encoder.aGpio"), "encoder.aGpio");
        int b = pins.Claim(f.Required(enc.BGpio, "encoder.bGpio"), "encoder.bGpio");
        int? push = enc.PushGpio is int p ? pins.Claim(p, "encoder.pushGpio") : null;
        int transitions = enc.TransitionsPerDetent ?? 4;
        return transitions is 1 or 2 or 4
            ? new EncoderPins(a, b, push, transitions)
            : throw f.Bad("encoder.transitionsPerDetent", $"{transitions} is not 1, 2 or 4");
    }

    private static List<AdcDevice> ReadAdcs(PinMapErrors f, List<AdcContract> adcs, PinMap map)
    {
        var list = new List<AdcDevice>();
        foreach (AdcContract e in adcs)
        {
            string path = $"adcs[{list.Count}]";
            string name = UniqueName(f, e.Name, path, list.Select(a => a.Name));
            string type = f.Text(e.Type, $"{path}.type");
            double supply = Volts(f, e.PotSupplyVolts, $"{path}.potSupplyVolts");
            switch (type)
            {
                case "ads1115":
                    OnlyFor(f, path, e.ChipSelect is null ? e.VrefVolts is null ? null : "vrefVolts" : "chipSelect", "name, type, i2cAddress, potSupplyVolts");
                    int address = Address(f, e.I2cAddress, $"{path}.i2cAddress");
                    if (address is < 0x48 or > 0x4B)
                    {
                        throw f.Bad($"{path}.i2cAddress", $"0x{address:X2} is not an ADS1115 address (0x48-0x4B, set by the ADDR pin)");
                    }

                    list.Add(new AdcDevice(name, AdcKind.Ads1115, address, null, supply, null));
                    break;
                case "mcp3008":
                    if (map.Spi is null)
                    {
                        throw f.Bad($"{path}.type", "an mcp3008 needs the \"spi\" section");
                    }

                    OnlyFor(f, path, e.I2cAddress.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? null : "i2cAddress", "name, type, chipSelect, potSupplyVolts, vrefVolts");
                    int cs = f.Required(e.ChipSelect, $"{path}.chipSelect");
                    if (cs < 0 || cs >= map.Spi.ChipSelectGpio.Count)
                    {
                        throw f.Bad($"{path}.chipSelect", $"{cs} is not one of spi.chipSelectGpio's {map.Spi.ChipSelectGpio.Count} lines");
                    }

                    if (list.Any(a => a.ChipSelect == cs))
                    {
                        throw f.Bad($"{path}.chipSelect", $"chip select {cs} is already used by another ADC");
                    }

                    list.Add(new AdcDevice(name, AdcKind.Mcp3008, null, cs, supply, Volts(f, e.VrefVolts, $"{path}.vrefVolts")));
                    break;
                default:
                    throw f.Bad($"{path}.type", $"\"{type}\" is not a supported ADC (ads1115, mcp3008)");
            }
        }

        return list;
    }

    // One contract holds both chips' fields; a field of the other chip is refused as the old per-chip lists did.
    private static void OnlyFor(PinMapErrors f, string path, string? foreign, string expected)
    {
        if (foreign is not null)
        {
            throw f.Bad($"{path}.{foreign}", $"is not a field here (expected {expected})");
        }
    }

    private static double Volts(PinMapErrors f, double? value, string field)
    {
        double volts = f.Required(value, field);
        return volts is <= 0 or > 5.5 ? throw f.Bad(field, string.Create(CultureInfo.InvariantCulture, $"{volts} V is outside 0-5.5 V")) : volts;
    }

    private static AnalogInput ReadInput(PinMapErrors f, InputContract e, string path, string name, IReadOnlyList<AdcDevice> adcs, Dictionary<(string, int), string> channels)
    {
        string adcName = f.Text(e.Adc, $"{path}.adc");
        AdcDevice adc = adcs.FirstOrDefault(a => a.Name == adcName)
            ?? throw f.Bad($"{path}.adc", $"\"{adcName}\" is not one of adcs ({string.Join(", ", adcs.Select(a => a.Name))})");
        int channel = f.Required(e.Channel, $"{path}.channel");
        if (channel < 0 || channel >= adc.ChannelCount)
        {
            throw f.Bad($"{path}.channel", $"{channel} is not an input of the {adc.Kind} \"{adc.Name}\" (0-{adc.ChannelCount - 1})");
        }

        if (!channels.TryAdd((adc.Name, channel), $"{path}.channel"))
        {
            throw f.Bad($"{path}.channel", $"{adc.Name} input {channel} is already used by {channels[(adc.Name, channel)]}");
        }

        return new AnalogInput(name, adc.Name, channel);
    }

    private static DisplayDevice ReadDisplay(PinMapErrors f, DisplayContract display)
    {
        string type = f.Text(display.Type, "display.type");
        if (type != "ssd1306")
        {
            throw f.Bad("display.type", $"\"{type}\" is not a supported display (ssd1306)");
        }

        int address = Address(f, display.I2cAddress, "display.i2cAddress");
        return address is 0x3C or 0x3D
            ? new DisplayDevice(address)
            : throw f.Bad("display.i2cAddress", $"0x{address:X2} is not an SSD1306 address (0x3C or 0x3D, set by SA0)");
    }

    /// <summary>An I2C address: text "0x48" (as datasheets write it) or a number.</summary>
    private static int Address(PinMapErrors f, JsonElement e, string path)
    {
        int value;
        if (e.ValueKind == JsonValueKind.String)
        {
            string text = e.GetString()!;
            bool hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
            if (!int.TryParse(hex ? text[2..] : text, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out value))
            {
                throw f.Bad(path, $"\"{text}\" is not an address (write it like \"0x48\")");
            }
        }
        else if (e.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            throw f.Bad(path, "is missing");
        }
        else if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out value))
        {
            throw f.Bad(path, $"must be an address like \"0x48\", not {FieldErrors.Show(e)}");
        }

        return value is < 0x08 or > 0x77
            ? throw f.Bad(path, $"0x{value:X2} is not a usable 7-bit I2C address (0x08-0x77)")
            : value;
    }

    private static void CheckI2cAddresses(PinMapErrors f, HatInfo hat, I2cBusPins i2c, IReadOnlyList<AdcDevice> adcs, DisplayDevice display)
    {
        var taken = new Dictionary<int, string>();
        if (hat.I2cBus == i2c.Bus)
        {
            foreach (int a in hat.I2cAddresses)
            {
                taken.TryAdd(a, $"the HAT ({hat.Name})");
            }
        }

        for (int i = 0; i < adcs.Count; i++)
        {
            if (adcs[i].I2cAddress is int a)
            {
                Take(a, $"adcs[{i}].i2cAddress");
            }
        }

        Take(display.I2cAddress, "display.i2cAddress");

        void Take(int address, string path)
        {
            if (!taken.TryAdd(address, path))
            {
                throw f.Bad(path, $"0x{address:X2} is already used on I2C bus {i2c.Bus} by {taken[address]}");
            }
        }
    }

    private static string UniqueName(PinMapErrors f, string? value, string path, IEnumerable<string> earlier)
    {
        string name = f.Text(value, $"{path}.name");
        return earlier.Contains(name, StringComparer.Ordinal) ? throw f.Bad($"{path}.name", $"\"{name}\" is used twice") : name;
    }

    /// <summary>Which field took which GPIO line; refuses out-of-range lines, a second use, and the HAT's lines.</summary>
    private sealed class PinLedger(PinMapErrors f)
    {
        private readonly Dictionary<int, string> _owners = [];

        /// <summary>The line, if it is on the header; else the error naming <paramref name="path"/>. Thread: any.</summary>
        public static int CheckRange(PinMapErrors f, int gpio, string path) =>
            gpio is >= 0 and <= Pi5Header.MaxGpio ? gpio : throw f.Bad(path, $"{gpio} is not a GPIO on the 40-pin header (0-{Pi5Header.MaxGpio})");

        /// <summary>Marks the HAT's own lines as taken. Thread: the parsing thread.</summary>
        public void Reserve(HatInfo hat)
        {
            foreach (int gpio in hat.Gpio)
            {
                _owners.TryAdd(gpio, $"the HAT ({hat.Name})");
            }
        }

        /// <summary>Takes <paramref name="gpio"/> for the field at <paramref name="path"/>, or fails naming both users. Thread: the parsing thread.</summary>
        public int Claim(int gpio, string path)
        {
            CheckRange(f, gpio, path);
            if (!_owners.TryAdd(gpio, path))
            {
                string owner = _owners[gpio];
                throw f.Bad(path, owner.StartsWith("the HAT", StringComparison.Ordinal)
                    ? $"GPIO {gpio} is used by {owner}"
                    : $"GPIO {gpio} is already used by {owner}");
            }

            return gpio;
        }
    }
}
