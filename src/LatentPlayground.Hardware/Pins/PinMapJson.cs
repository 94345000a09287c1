using LatentPlayground.Files;
using System.Text.Json;

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
        ArgumentNullException.ThrowIfNull(json);
        var f = new JsonFields(source);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new PinMapFormatException($"{source}: not valid JSON (line {e.LineNumber + 1}): {e.Message.Split('.')[0]}", e);
        }

        using (doc)
        {
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw f.Bad("(top level)", "must be a JSON object");
            }

            f.OnlyFields(root, string.Empty, "schema", "board", "notes", "gpioChip", "hat", "i2c", "spi", "midiIn", "footswitches", "leds", "encoder", "adcs", "knobs", "expression", "display");
            int schema = f.Int(root, "schema", "schema");
            if (schema != Schema)
            {
                throw f.Bad("schema", $"{schema} is not a version this firmware reads ({Schema})");
            }

            var pins = new PinLedger(f);
            HatInfo hat = ReadHat(f, root);
            pins.Reserve(hat);
            var map = new PinMap
            {
                Schema = schema,
                Board = f.String(root, "board", "board"),
                GpioChip = NonNegative(f, root, "gpioChip", "gpioChip"),
                Hat = hat,
                I2c = ReadI2c(f, root, pins),
                Spi = ReadSpi(f, root, pins),
                MidiIn = ReadMidiIn(f, root, pins),
                Footswitches = ReadSwitches(f, root, pins),
                Leds = ReadLeds(f, root, pins),
                Encoder = ReadEncoder(f, root, pins),
                Adcs = [],
                Knobs = [],
                Display = new DisplayDevice(0),
            };

            IReadOnlyList<AdcDevice> adcs = ReadAdcs(f, root, map);
            var channels = new Dictionary<(string, int), string>();
            IReadOnlyList<AnalogInput> knobs = ReadKnobs(f, root, adcs, channels);
            AnalogInput? expression = f.OptionalObject(root, "expression", "expression") is JsonElement ex
                ? ReadInput(f, ex, "expression", ex.TryGetProperty("name", out _) ? f.String(ex, "name", "expression.name") : "expression", adcs, channels)
                : null;
            DisplayDevice display = ReadDisplay(f, root);
            CheckI2cAddresses(f, hat, map.I2c, adcs, display);
            return map with { Adcs = adcs, Knobs = knobs, Expression = expression, Display = display };
        }
    }

    private static HatInfo ReadHat(JsonFields f, JsonElement root)
    {
        JsonElement hat = f.Object(root, "hat", "hat");
        f.OnlyFields(hat, "hat", "name", "gpio", "i2cBus", "i2cAddresses");
        string name = f.String(hat, "name", "hat.name");
        var gpio = new List<int>();
        int i = 0;
        foreach (JsonElement e in f.Array(hat, "gpio", "hat.gpio").EnumerateArray())
        {
            gpio.Add(PinLedger.CheckRange(f, f.Int(e, $"hat.gpio[{i}]"), $"hat.gpio[{i}]"));
            i++;
        }

        var addresses = new List<int>();
        i = 0;
        foreach (JsonElement e in f.Array(hat, "i2cAddresses", "hat.i2cAddresses").EnumerateArray())
        {
            addresses.Add(f.Address(e, $"hat.i2cAddresses[{i++}]"));
        }

        return new HatInfo(name, gpio, NonNegative(f, hat, "i2cBus", "hat.i2cBus"), addresses);
    }

    private static I2cBusPins ReadI2c(JsonFields f, JsonElement root, PinLedger pins)
    {
        JsonElement i2c = f.Object(root, "i2c", "i2c");
        f.OnlyFields(i2c, "i2c", "bus", "sdaGpio", "sclGpio");
        return new I2cBusPins(
            NonNegative(f, i2c, "bus", "i2c.bus"),
            pins.Claim(f.Int(i2c, "sdaGpio", "i2c.sdaGpio"), "i2c.sdaGpio"),
            pins.Claim(f.Int(i2c, "sclGpio", "i2c.sclGpio"), "i2c.sclGpio"));
    }

    private static SpiBusPins? ReadSpi(JsonFields f, JsonElement root, PinLedger pins)
    {
        if (f.OptionalObject(root, "spi", "spi") is not JsonElement spi)
        {
            return null;
        }

        f.OnlyFields(spi, "spi", "bus", "sclkGpio", "mosiGpio", "misoGpio", "chipSelectGpio");
        int bus = NonNegative(f, spi, "bus", "spi.bus");
        int sclk = pins.Claim(f.Int(spi, "sclkGpio", "spi.sclkGpio"), "spi.sclkGpio");
        int mosi = pins.Claim(f.Int(spi, "mosiGpio", "spi.mosiGpio"), "spi.mosiGpio");
        int miso = pins.Claim(f.Int(spi, "misoGpio", "spi.misoGpio"), "spi.misoGpio");
        var cs = new List<int>();
        foreach (JsonElement e in f.Array(spi, "chipSelectGpio", "spi.chipSelectGpio").EnumerateArray())
        {
            string path = $"spi.chipSelectGpio[{cs.Count}]";
            cs.Add(pins.Claim(f.Int(e, path), path));
        }

        if (cs.Count == 0)
        {
            throw f.Bad("spi.chipSelectGpio", "must list at least one chip-select line");
        }

        return new SpiBusPins(bus, sclk, mosi, miso, cs);
    }

    private static MidiInPins? ReadMidiIn(JsonFields f, JsonElement root, PinLedger pins)
    {
        if (f.OptionalObject(root, "midiIn", "midiIn") is not JsonElement midi)
        {
            return null;
        }

        f.OnlyFields(midi, "midiIn", "uart", "rxGpio");
        return new MidiInPins(f.String(midi, "uart", "midiIn.uart"), pins.Claim(f.Int(midi, "rxGpio", "midiIn.rxGpio"), "midiIn.rxGpio"));
    }

    private static List<SwitchPin> ReadSwitches(JsonFields f, JsonElement root, PinLedger pins)
    {
        var list = new List<SwitchPin>();
        foreach (JsonElement e in Items(f, root, "footswitches", "footswitches"))
        {
            string path = $"footswitches[{list.Count}]";
            f.OnlyFields(e, path, "name", "gpio", "activeLow");
            string name = UniqueName(f, e, path, list.Select(s => s.Name));
            list.Add(new SwitchPin(name, pins.Claim(f.Int(e, "gpio", $"{path}.gpio"), $"{path}.gpio"), f.OptionalBool(e, "activeLow", $"{path}.activeLow", true)));
        }

        return list;
    }

    private static List<LedPin> ReadLeds(JsonFields f, JsonElement root, PinLedger pins)
    {
        var list = new List<LedPin>();
        foreach (JsonElement e in Items(f, root, "leds", "leds"))
        {
            string path = $"leds[{list.Count}]";
            f.OnlyFields(e, path, "name", "gpio", "activeHigh");
            string name = UniqueName(f, e, path, list.Select(l => l.Name));
            list.Add(new LedPin(name, pins.Claim(f.Int(e, "gpio", $"{path}.gpio"), $"{path}.gpio"), f.OptionalBool(e, "activeHigh", $"{path}.activeHigh", true)));
        }

        return list;
    }

    private static EncoderPins ReadEncoder(JsonFields f, JsonElement root, PinLedger pins)
    {
        JsonElement enc = f.Object(root, "encoder", "encoder");
        f.OnlyFields(enc, "encoder", "aGpio", "bGpio", "pushGpio", "transitionsPerDetent");
        int a = pins.Claim(f.Int(enc, "aGpio", "encoder.aGpio"), "encoder.aGpio");
        int b = pins.Claim(f.Int(enc, "bGpio", "encoder.bGpio"), "encoder.bGpio");
        int? push = f.OptionalInt(enc, "pushGpio", "encoder.pushGpio") is int p ? pins.Claim(p, "encoder.pushGpio") : null;
        int transitions = f.OptionalInt(enc, "transitionsPerDetent", "encoder.transitionsPerDetent") ?? 4;
        if (transitions is not (1 or 2 or 4))
        {
            throw f.Bad("encoder.transitionsPerDetent", $"{transitions} is not 1, 2 or 4");
        }

        return new EncoderPins(a, b, push, transitions);
    }

    private static List<AdcDevice> ReadAdcs(JsonFields f, JsonElement root, PinMap map)
    {
        var list = new List<AdcDevice>();
        foreach (JsonElement e in Items(f, root, "adcs", "adcs"))
        {
            string path = $"adcs[{list.Count}]";
            string name = UniqueName(f, e, path, list.Select(a => a.Name));
            string type = f.String(e, "type", $"{path}.type");
            double supply = f.Number(e, "potSupplyVolts", $"{path}.potSupplyVolts");
            if (supply is <= 0 or > 5.5)
            {
                throw f.Bad($"{path}.potSupplyVolts", $"{supply} V is outside 0-5.5 V");
            }

            switch (type)
            {
                case "ads1115":
                    f.OnlyFields(e, path, "name", "type", "i2cAddress", "potSupplyVolts");
                    int address = f.Address(e, "i2cAddress", $"{path}.i2cAddress");
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

                    f.OnlyFields(e, path, "name", "type", "chipSelect", "potSupplyVolts", "vrefVolts");

                    int cs = f.Int(e, "chipSelect", $"{path}.chipSelect");
                    if (cs < 0 || cs >= map.Spi.ChipSelectGpio.Count)
                    {
                        throw f.Bad($"{path}.chipSelect", $"{cs} is not one of spi.chipSelectGpio's {map.Spi.ChipSelectGpio.Count} lines");
                    }

                    if (list.Any(a => a.ChipSelect == cs))
                    {
                        throw f.Bad($"{path}.chipSelect", $"chip select {cs} is already used by another ADC");
                    }

                    double vref = f.Number(e, "vrefVolts", $"{path}.vrefVolts");
                    if (vref is <= 0 or > 5.5)
                    {
                        throw f.Bad($"{path}.vrefVolts", $"{vref} V is outside 0-5.5 V");
                    }

                    list.Add(new AdcDevice(name, AdcKind.Mcp3008, null, cs, supply, vref));
                    break;
                default:
                    throw f.Bad($"{path}.type", $"\"{type}\" is not a supported ADC (ads1115, mcp3008)");
            }
        }

        return list;
    }

    private static List<AnalogInput> ReadKnobs(JsonFields f, JsonElement root, IReadOnlyList<AdcDevice> adcs, Dictionary<(string, int), string> channels)
    {
        var list = new List<AnalogInput>();
        foreach (JsonElement e in Items(f, root, "knobs", "knobs"))
        {
            string path = $"knobs[{list.Count}]";
            string name = UniqueName(f, e, path, list.Select(k => k.Name));
            list.Add(ReadInput(f, e, path, name, adcs, channels));
        }

        return list;
    }

    private static AnalogInput ReadInput(JsonFields f, JsonElement e, string path, string name, IReadOnlyList<AdcDevice> adcs, Dictionary<(string, int), string> channels)
    {
        f.OnlyFields(e, path, "name", "adc", "channel");
        string adcName = f.String(e, "adc", $"{path}.adc");
        AdcDevice adc = adcs.FirstOrDefault(a => a.Name == adcName)
            ?? throw f.Bad($"{path}.adc", $"\"{adcName}\" is not one of adcs ({string.Join(", ", adcs.Select(a => a.Name))})");
        int channel = f.Int(e, "channel", $"{path}.channel");
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

    private static DisplayDevice ReadDisplay(JsonFields f, JsonElement root)
    {
        JsonElement display = f.Object(root, "display", "display");
        f.OnlyFields(display, "display", "type", "i2cAddress");
        string type = f.String(display, "type", "display.type");
        if (type != "ssd1306")
        {
            throw f.Bad("display.type", $"\"{type}\" is not a supported display (ssd1306)");
        }

        int address = f.Address(display, "i2cAddress", "display.i2cAddress");
        if (address is not (0x3C or 0x3D))
        {
            throw f.Bad("display.i2cAddress", $"0x{address:X2} is not an SSD1306 address (0x3C or 0x3D, set by SA0)");
        }

        return new DisplayDevice(address);
    }

    private static void CheckI2cAddresses(JsonFields f, HatInfo hat, I2cBusPins i2c, IReadOnlyList<AdcDevice> adcs, DisplayDevice display)
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

    private static IEnumerable<JsonElement> Items(JsonFields f, JsonElement root, string name, string path)
    {
        JsonElement array = f.Array(root, name, path);
        int i = 0;
        foreach (JsonElement e in array.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                throw f.Bad($"{path}[{i}]", "must be an object");
            }

            i++;
            yield return e;
        }
    }

    private static string UniqueName(JsonFields f, JsonElement e, string path, IEnumerable<string> earlier)
    {
        string name = f.String(e, "name", $"{path}.name");
        if (earlier.Contains(name, StringComparer.Ordinal))
        {
            throw f.Bad($"{path}.name", $"\"{name}\" is used twice");
        }

        return name;
    }

    private static int NonNegative(JsonFields f, JsonElement parent, string name, string path)
    {
        int value = f.Int(parent, name, path);
        return value >= 0 ? value : throw f.Bad(path, $"{value} must not be negative");
    }

    /// <summary>Which field took which GPIO line; refuses out-of-range lines, a second use, and the HAT's lines.</summary>
    private sealed class PinLedger(JsonFields f)
    {
        private readonly Dictionary<int, string> _owners = [];

        /// <summary>The line, if it is on the header; else the error naming <paramref name="path"/>. Thread: any.</summary>
        public static int CheckRange(JsonFields f, int gpio, string path) =>
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
