using System.Text.Json;
using System.Text.Json.Serialization;

namespace LatentPlayground.Hardware.Pins;

// hardware/pinmap.json as it is written; the names are the properties' in camelCase. Every field is optional
// here; PinMapJson says which are required, so a missing one is "is missing" rather than the serialiser's
// message. I2C addresses are JsonElement because the file takes "0x48" or 72; notes take anything.

internal sealed record PinMapContract(
    int? Schema, string? Board, JsonElement Notes, int? GpioChip, HatContract? Hat, I2cContract? I2c, SpiContract? Spi,
    MidiInContract? MidiIn, List<SwitchContract>? Footswitches, List<LedContract>? Leds, EncoderContract? Encoder,
    List<AdcContract>? Adcs, List<InputContract>? Knobs, InputContract? Expression, DisplayContract? Display);

internal sealed record HatContract(string? Name, List<int>? Gpio, int? I2cBus, List<JsonElement>? I2cAddresses);

internal sealed record I2cContract(int? Bus, int? SdaGpio, int? SclGpio);

internal sealed record SpiContract(int? Bus, int? SclkGpio, int? MosiGpio, int? MisoGpio, List<int>? ChipSelectGpio);

internal sealed record MidiInContract(string? Uart, int? RxGpio);

internal sealed record SwitchContract(string? Name, int? Gpio, bool? ActiveLow);

internal sealed record LedContract(string? Name, int? Gpio, bool? ActiveHigh);

internal sealed record EncoderContract(int? AGpio, int? BGpio, int? PushGpio, int? TransitionsPerDetent);

/// <summary>Both chips' fields; PinMapJson refuses a field of the other chip.</summary>
internal sealed record AdcContract(string? Name, string? Type, JsonElement I2cAddress, int? ChipSelect, double? PotSupplyVolts, double? VrefVolts);

internal sealed record InputContract(string? Name, string? Adc, int? Channel);

internal sealed record DisplayContract(string? Type, JsonElement I2cAddress);

/// <summary>The generated reader of pin maps: strict JSON (the file has "notes" for comments), no unknown fields.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(PinMapContract))]
internal sealed partial class PinMapContext : JsonSerializerContext;
