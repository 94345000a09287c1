using System.Text.Json;
using System.Text.Json.Serialization;

namespace LatentPlayground.Hardware.Pins;

// hardware/pinmap.json as it is written. Every field is optional here; PinMapJson says which are required,
// so a missing one is "is missing" rather than the serialiser's message. I2C addresses are JsonElement
// because the file takes "0x48" or 72.

internal sealed record PinMapContract
{
    [JsonPropertyName("schema")] public int? Schema { get; init; }
    [JsonPropertyName("board")] public string? Board { get; init; }
    [JsonPropertyName("notes")] public JsonElement Notes { get; init; }
    [JsonPropertyName("gpioChip")] public int? GpioChip { get; init; }
    [JsonPropertyName("hat")] public HatContract? Hat { get; init; }
    [JsonPropertyName("i2c")] public I2cContract? I2c { get; init; }
    [JsonPropertyName("spi")] public SpiContract? Spi { get; init; }
    [JsonPropertyName("midiIn")] public MidiInContract? MidiIn { get; init; }
    [JsonPropertyName("footswitches")] public List<SwitchContract>? Footswitches { get; init; }
    [JsonPropertyName("leds")] public List<LedContract>? Leds { get; init; }
    [JsonPropertyName("encoder")] public EncoderContract? Encoder { get; init; }
    [JsonPropertyName("adcs")] public List<AdcContract>? Adcs { get; init; }
    [JsonPropertyName("knobs")] public List<InputContract>? Knobs { get; init; }
    [JsonPropertyName("expression")] public InputContract? Expression { get; init; }
    [JsonPropertyName("display")] public DisplayContract? Display { get; init; }
}

internal sealed record HatContract
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("gpio")] public List<int>? Gpio { get; init; }
    [JsonPropertyName("i2cBus")] public int? I2cBus { get; init; }
    [JsonPropertyName("i2cAddresses")] public List<JsonElement>? I2cAddresses { get; init; }
}

internal sealed record I2cContract
{
    [JsonPropertyName("bus")] public int? Bus { get; init; }
    [JsonPropertyName("sdaGpio")] public int? SdaGpio { get; init; }
    [JsonPropertyName("sclGpio")] public int? SclGpio { get; init; }
}

internal sealed record SpiContract
{
    [JsonPropertyName("bus")] public int? Bus { get; init; }
    [JsonPropertyName("sclkGpio")] public int? SclkGpio { get; init; }
    [JsonPropertyName("mosiGpio")] public int? MosiGpio { get; init; }
    [JsonPropertyName("misoGpio")] public int? MisoGpio { get; init; }
    [JsonPropertyName("chipSelectGpio")] public List<int>? ChipSelectGpio { get; init; }
}

internal sealed record MidiInContract
{
    [JsonPropertyName("uart")] public string? Uart { get; init; }
    [JsonPropertyName("rxGpio")] public int? RxGpio { get; init; }
}

internal sealed record SwitchContract
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("gpio")] public int? Gpio { get; init; }
    [JsonPropertyName("activeLow")] public bool? ActiveLow { get; init; }
}

internal sealed record LedContract
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("gpio")] public int? Gpio { get; init; }
    [JsonPropertyName("activeHigh")] public bool? ActiveHigh { get; init; }
}

internal sealed record EncoderContract
{
    [JsonPropertyName("aGpio")] public int? AGpio { get; init; }
    [JsonPropertyName("bGpio")] public int? BGpio { get; init; }
    [JsonPropertyName("pushGpio")] public int? PushGpio { get; init; }
    [JsonPropertyName("transitionsPerDetent")] public int? TransitionsPerDetent { get; init; }
}

internal sealed record AdcContract
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("i2cAddress")] public JsonElement I2cAddress { get; init; }
    [JsonPropertyName("chipSelect")] public int? ChipSelect { get; init; }
    [JsonPropertyName("potSupplyVolts")] public double? PotSupplyVolts { get; init; }
    [JsonPropertyName("vrefVolts")] public double? VrefVolts { get; init; }
}

internal sealed record InputContract
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("adc")] public string? Adc { get; init; }
    [JsonPropertyName("channel")] public int? Channel { get; init; }
}

internal sealed record DisplayContract
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("i2cAddress")] public JsonElement I2cAddress { get; init; }
}

/// <summary>The generated reader of pin maps: strict JSON (the file has "notes" for comments), no unknown fields.</summary>
[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(PinMapContract))]
internal sealed partial class PinMapContext : JsonSerializerContext;
