using System.Text.Json.Nodes;
using LatentPlayground.Hardware.Pins;

namespace LatentPlayground.Hardware.Tests.Pins;

public sealed class PinMapJsonTests
{
    private static readonly string ShippedPath = Path.Combine(AppContext.BaseDirectory, "hardware", "pinmap.json");

    private static string Mutated(Action<JsonObject> change)
    {
        JsonObject root = JsonNode.Parse(File.ReadAllText(ShippedPath))!.AsObject();
        change(root);
        return root.ToJsonString();
    }

    private static string ErrorOf(string json) =>
        Assert.Throws<PinMapFormatException>(() => PinMapJson.Parse(json, "pinmap.json")).Message;

    [Fact]
    public void The_shipped_pin_map_loads()
    {
        PinMap map = PinMapJson.Load(ShippedPath);

        Assert.Equal("Raspberry Pi 5", map.Board);
        Assert.Equal(new[] { 5, 6, 13 }, map.Footswitches.Select(s => s.Gpio));
        Assert.Equal(new[] { "A", "B", "C" }, map.Footswitches.Select(s => s.Name));
        Assert.All(map.Footswitches, s => Assert.True(s.ActiveLow));
        Assert.Equal(new[] { 23, 24, 25, 12 }, map.Leds.Select(l => l.Gpio));
        Assert.Equal(new EncoderPins(17, 27, 22, 4), map.Encoder);
        Assert.Equal(new I2cBusPins(1, 2, 3), map.I2c);
        Assert.Equal(0x3C, map.Display.I2cAddress);
        Assert.Equal(new int?[] { 0x48, 0x49 }, map.Adcs.Select(a => a.I2cAddress));
        Assert.Equal(new[] { 0, 1, 2, 3 }, map.Knobs.Select(k => k.Channel));
        Assert.Equal(new AnalogInput("expression", "expression", 0), map.Expression);
        Assert.Equal(15, map.MidiIn!.RxGpio);
        Assert.Null(map.Spi);
        Assert.Equal(new[] { 0x4A, 0x4D }, map.Hat.I2cAddresses);
    }

    [Theory]
    [InlineData("display.i2cAddress", "is missing")]
    [InlineData("encoder", "is missing")]
    [InlineData("footswitches", "is missing")]
    [InlineData("board", "is missing")]
    public void A_missing_field_is_named(string field, string problem)
    {
        string json = Mutated(root =>
        {
            string[] path = field.Split('.');
            JsonObject parent = path.Length == 1 ? root : root[path[0]]!.AsObject();
            parent.Remove(path[^1]);
        });
        Assert.Equal($"pinmap.json: {field}: {problem}", ErrorOf(json));
    }

    public static TheoryData<string, Action<JsonObject>, string> Malformed => new()
    {
        { "out of range", r => r["footswitches"]![2]!["gpio"] = 28, "pinmap.json: footswitches[2].gpio: 28 is not a GPIO on the 40-pin header (0-27)" },
        { "negative", r => r["leds"]![3]!["gpio"] = -1, "pinmap.json: leds[3].gpio: -1 is not a GPIO on the 40-pin header (0-27)" },
        { "used twice", r => r["leds"]![0]!["gpio"] = 5, "pinmap.json: leds[0].gpio: GPIO 5 is already used by footswitches[0].gpio" },
        { "the I2C lines", r => r["encoder"]!["pushGpio"] = 2, "pinmap.json: encoder.pushGpio: GPIO 2 is already used by i2c.sdaGpio" },
        { "HAT I2S", r => r["leds"]![1]!["gpio"] = 19, "pinmap.json: leds[1].gpio: GPIO 19 is used by the HAT (HiFiBerry DAC+ADC Pro)" },
        { "HAT EEPROM", r => r["midiIn"]!["rxGpio"] = 0, "pinmap.json: midiIn.rxGpio: GPIO 0 is used by the HAT (HiFiBerry DAC+ADC Pro)" },
        { "HAT address", r => r["adcs"]![1]!["i2cAddress"] = "0x4A", "pinmap.json: adcs[1].i2cAddress: 0x4A is already used on I2C bus 1 by the HAT (HiFiBerry DAC+ADC Pro)" },
        { "address twice", r => r["adcs"]![1]!["i2cAddress"] = "0x48", "pinmap.json: adcs[1].i2cAddress: 0x48 is already used on I2C bus 1 by adcs[0].i2cAddress" },
        { "not an ADS1115 address", r => r["adcs"]![0]!["i2cAddress"] = "0x4C", "pinmap.json: adcs[0].i2cAddress: 0x4C is not an ADS1115 address (0x48-0x4B, set by the ADDR pin)" },
        { "not an SSD1306 address", r => r["display"]!["i2cAddress"] = "0x48", "pinmap.json: display.i2cAddress: 0x48 is not an SSD1306 address (0x3C or 0x3D, set by SA0)" },
        { "bad address text", r => r["display"]!["i2cAddress"] = "0xZZ", "pinmap.json: display.i2cAddress: \"0xZZ\" is not an address (write it like \"0x48\")" },
        { "channel range", r => r["knobs"]![3]!["channel"] = 4, "pinmap.json: knobs[3].channel: 4 is not an input of the Ads1115 \"pots\" (0-3)" },
        { "channel twice", r => r["knobs"]![3]!["channel"] = 0, "pinmap.json: knobs[3].channel: pots input 0 is already used by knobs[0].channel" },
        { "unknown adc", r => r["knobs"]![0]!["adc"] = "nope", "pinmap.json: knobs[0].adc: \"nope\" is not one of adcs (pots, expression)" },
        { "wrong type", r => r["leds"]![0]!["gpio"] = "23", "pinmap.json: leds[0].gpio: must be a whole number, not \"23\"" },
        { "unknown field", r => r["footswitches"]![0]!["pin"] = 29, "pinmap.json: footswitches[0].pin: is not a field here (expected name, gpio, activeLow)" },
        { "duplicate name", r => r["footswitches"]![1]!["name"] = "A", "pinmap.json: footswitches[1].name: \"A\" is used twice" },
        { "schema", r => r["schema"] = 2, "pinmap.json: schema: 2 is not a version this firmware reads (1)" },
        { "detent", r => r["encoder"]!["transitionsPerDetent"] = 3, "pinmap.json: encoder.transitionsPerDetent: 3 is not 1, 2 or 4" },
        { "mcp3008 without spi", r => r["adcs"]![0]!["type"] = "mcp3008", "pinmap.json: adcs[0].type: an mcp3008 needs the \"spi\" section" },
        { "adc type", r => r["adcs"]![0]!["type"] = "ads1015", "pinmap.json: adcs[0].type: \"ads1015\" is not a supported ADC (ads1115, mcp3008)" },
        { "not an array", r => r["leds"] = 3, "pinmap.json: leds: must be an array, not 3" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_field_is_named_with_the_problem(string what, Action<JsonObject> change, string message)
    {
        Assert.False(string.IsNullOrEmpty(what));
        Assert.Equal(message, ErrorOf(Mutated(change)));
    }

    [Fact]
    public void Broken_json_gives_the_line()
    {
        string message = ErrorOf("{\n  \"schema\": 1,\n  \"board\": \n}");
        Assert.StartsWith("pinmap.json: not valid JSON (line 4)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_mcp3008_alternative_claims_the_spi_lines()
    {
        string json = Mutated(r =>
        {
            r["spi"] = JsonNode.Parse("""{ "bus": 0, "sclkGpio": 11, "mosiGpio": 10, "misoGpio": 9, "chipSelectGpio": [8, 7] }""");
            r["adcs"] = JsonNode.Parse("""[{ "name": "pots", "type": "mcp3008", "chipSelect": 0, "potSupplyVolts": 3.3, "vrefVolts": 3.3 }]""");
            r["knobs"]![3]!["channel"] = 3;
            r["expression"] = JsonNode.Parse("""{ "name": "expression", "adc": "pots", "channel": 4 }""");
        });
        PinMap map = PinMapJson.Parse(json, "pinmap.json");
        Assert.Equal(AdcKind.Mcp3008, map.Adcs[0].Kind);
        Assert.Equal(8, map.Adcs[0].ChannelCount);
        Assert.Equal(new[] { 8, 7 }, map.Spi!.ChipSelectGpio);

        string clash = Mutated(r =>
        {
            r["spi"] = JsonNode.Parse("""{ "bus": 0, "sclkGpio": 11, "mosiGpio": 10, "misoGpio": 9, "chipSelectGpio": [5] }""");
        });
        Assert.Equal("pinmap.json: footswitches[0].gpio: GPIO 5 is already used by spi.chipSelectGpio[0]", ErrorOf(clash));
    }
}
