using System.Device.Gpio;
using System.Device.I2c;
using LatentPlayground.Controls;
using LatentPlayground.Hardware.Pins;
using LatentPlayground.Hardware.Simulation;

namespace LatentPlayground.Sim;

/// <summary>
/// The reference build's hardware as register-map simulations: a simulated GPIO chip with the footswitches
/// and the encoder's contacts on it, an ADS1115 (or MCP3008) per converter of the pin map with pots on its
/// inputs, and an SSD1306. <see cref="Buses"/> hands them to the real drivers, exactly as the Pi's buses would.
/// Presses are held for a given time and released by <see cref="Tick"/>, because a terminal reports a key
/// but not its release. Thread: the control thread.
/// </summary>
public sealed class SimulatedPedal : IDisposable
{
    private readonly PinMap _pins;
    private readonly TimeProvider _clock;
    private readonly SimulatedGpioDriver _gpio = new();
    private readonly Dictionary<int, I2cDevice> _i2c = [];
    private readonly Dictionary<int, SimulatedMcp3008> _spi = [];
    private readonly List<(int Pin, long At)> _releases = [];
    private readonly SimulatedRotaryEncoder _encoder;

    public SimulatedPedal(PinMap pins, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(pins);
        _pins = pins;
        _clock = clock ?? TimeProvider.System;
        // A session can run for hours: the simulations keep no transfer log.
        Display = new SimulatedSsd1306(pins.I2c.Bus, pins.Display.I2cAddress) { RecordTransfers = false };
        _i2c[pins.Display.I2cAddress] = Display;
        foreach (AdcDevice adc in pins.Adcs)
        {
            if (adc.Kind == AdcKind.Ads1115)
            {
                _i2c[adc.I2cAddress!.Value] = new SimulatedAds1115(pins.I2c.Bus, adc.I2cAddress.Value) { RecordTransfers = false };
            }
            else
            {
                _spi[adc.ChipSelect!.Value] = new SimulatedMcp3008 { RecordTransfers = false };
            }
        }

        _encoder = new SimulatedRotaryEncoder(_gpio, pins.Encoder.AGpio, pins.Encoder.BGpio, pins.Encoder.PushGpio ?? pins.Encoder.BGpio);
        Knobs = new double[pins.Knobs.Count];
        Array.Fill(Knobs, 0.5);
        var controller = new GpioController(_gpio);
        Buses = new PedalBuses
        {
            Gpio = controller,
            OpenI2c = address => _i2c.TryGetValue(address, out I2cDevice? d) ? d : throw new IOException($"no device answers at 0x{address:X2}"),
            OpenSpi = cs => _spi.TryGetValue(cs, out SimulatedMcp3008? d) ? d : throw new IOException($"nothing on chip select {cs}"),
        };
        for (int k = 0; k < Knobs.Length; k++)
        {
            SetKnob(k, Knobs[k]);
        }

        if (pins.Expression is AnalogInput)
        {
            SetExpression(0);
        }
    }

    public PedalBuses Buses { get; }

    public SimulatedSsd1306 Display { get; }

    /// <summary>True when every simulated I2C and SPI device was disposed by its driver.</summary>
    public bool BusDevicesDisposed => _i2c.Values.All(d => d is SimulatedSsd1306 { Disposed: true } or SimulatedAds1115 { Disposed: true })
        && _spi.Values.All(d => d.Disposed);

    /// <summary>Knob positions, 0..1.</summary>
    public double[] Knobs { get; }

    /// <summary>The expression pedal's position, 0 (heel) .. 1 (toe).</summary>
    public double ExpressionPosition { get; private set; }

    /// <summary>Holds footswitch <paramref name="name"/> down for <paramref name="hold"/>.</summary>
    public void Press(string name, TimeSpan hold)
    {
        SwitchPin pin = _pins.Footswitches.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"no footswitch {name} in the pin map", nameof(name));
        Hold(pin.Gpio, hold);
    }

    /// <summary>Holds the encoder's push down for <paramref name="hold"/>.</summary>
    public void Push(TimeSpan hold)
    {
        if (_pins.Encoder.PushGpio is int pin)
        {
            Hold(pin, hold);
        }
    }

    /// <summary>Turns the encoder by whole detents through its Gray-code contacts (edge callbacks see each step).</summary>
    public void Turn(int detents) => _encoder.Turn(detents, _pins.Encoder.TransitionsPerDetent);

    /// <summary>Sets knob <paramref name="index"/> (0-based) to <paramref name="position"/>: the wiper voltage on its converter input.</summary>
    public void SetKnob(int index, double position)
    {
        Knobs[index] = Math.Clamp(position, 0, 1);
        Wiper(_pins.Knobs[index], Knobs[index]);
    }

    public void SetExpression(double position)
    {
        ExpressionPosition = Math.Clamp(position, 0, 1);
        if (_pins.Expression is AnalogInput e)
        {
            Wiper(e, ExpressionPosition);
        }
    }

    /// <summary>Releases the presses whose time is up.</summary>
    public void Tick()
    {
        long now = _clock.GetTimestamp();
        for (int i = _releases.Count - 1; i >= 0; i--)
        {
            if (now >= _releases[i].At)
            {
                _gpio.Release(_releases[i].Pin);
                _releases.RemoveAt(i);
            }
        }
    }

    public void Dispose() => Buses.Dispose();

    private void Hold(int pin, TimeSpan hold)
    {
        if (_releases.Exists(r => r.Pin == pin))
        {
            return;
        }

        _gpio.Press(pin);
        _releases.Add((pin, _clock.GetTimestamp() + (long)(hold.TotalSeconds * _clock.TimestampFrequency)));
    }

    private void Wiper(AnalogInput input, double position)
    {
        // A loop, not a LINQ query with a closure: a knob moved on the simulator allocates nothing, so the control
        // thread's allocation tests measure the pedal, not its simulation.
        AdcDevice? adc = null;
        for (int i = 0; i < _pins.Adcs.Count; i++)
        {
            if (_pins.Adcs[i].Name == input.Adc)
            {
                adc = _pins.Adcs[i];
                break;
            }
        }

        if (adc is null)
        {
            throw new InvalidOperationException($"the pin map has no converter \"{input.Adc}\"");
        }

        double volts = position * adc.PotSupplyVolts;
        if (adc.Kind == AdcKind.Ads1115)
        {
            ((SimulatedAds1115)_i2c[adc.I2cAddress!.Value]).SetVoltage(input.Channel, volts);
        }
        else
        {
            _spi[adc.ChipSelect!.Value].SetVoltage(input.Channel, volts);
        }
    }
}
