using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using System.Device.I2c;
using System.Device.Spi;
using LatentPlayground.Hardware.Adc;
using LatentPlayground.Hardware.Pins;

namespace LatentPlayground.Controls;

/// <summary>
/// The buses the control surface's drivers run on: the GPIO controller, and how to reach an I2C address on the
/// pin map's bus or an SPI chip select. On the Pi these are libgpiod and the kernel's i2c-dev and spidev;
/// <c>run --sim</c> passes a simulated GPIO driver and register-map simulations of the chips instead.
/// The drivers above are the same either way.
/// </summary>
public sealed class PedalBuses : IDisposable
{
    public required GpioController Gpio { get; init; }

    /// <summary>Opens the device at an address on the pin map's I2C bus.</summary>
    public required Func<int, I2cDevice> OpenI2c { get; init; }

    /// <summary>Opens the device on an SPI chip select; null when the build has no SPI wiring.</summary>
    public Func<int, SpiDevice>? OpenSpi { get; init; }

    /// <summary>The Pi's own buses, for the pin map's GPIO chip, I2C bus and SPI bus. Opens nothing but the GPIO chip yet.</summary>
    public static PedalBuses OpenSystem(PinMap pins)
    {
        ArgumentNullException.ThrowIfNull(pins);
        return new PedalBuses
        {
            Gpio = new GpioController(new LibGpiodDriver(pins.GpioChip)),
            OpenI2c = address => I2cDevice.Create(new I2cConnectionSettings(pins.I2c.Bus, address)),
            OpenSpi = pins.Spi is SpiBusPins spi ? cs => SpiDevice.Create(Mcp3008.DefaultSettings(spi.Bus, cs)) : null,
        };
    }

    public void Dispose() => Gpio.Dispose();
}
