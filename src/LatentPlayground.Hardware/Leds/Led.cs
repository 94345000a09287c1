using System.Device.Gpio;

namespace LatentPlayground.Hardware.Leds;

/// <summary>
/// An LED on one GPIO line, through a series resistor (the pedal: GPIO → 330 Ω → LED → GND, active high).
/// Takes a <see cref="GpioController"/>, opens only its own pin as an output (off), and writes the line only
/// when the state changes. Thread: the control thread, for every member.
/// </summary>
public sealed class Led : IDisposable
{
    private readonly GpioController _controller;
    private readonly PinValue _onLevel;
    private bool _disposed;

    /// <summary>Opens <paramref name="pin"/> as an output, off. <paramref name="activeHigh"/> false for an LED wired to 3V3. Thread: control.</summary>
    public Led(GpioController controller, int pin, bool activeHigh = true)
    {
        ArgumentNullException.ThrowIfNull(controller);
        _controller = controller;
        Pin = pin;
        _onLevel = activeHigh ? PinValue.High : PinValue.Low;
        controller.OpenPin(pin, PinMode.Output);
        controller.Write(pin, activeHigh ? PinValue.Low : PinValue.High);
    }

    /// <summary>The GPIO line.</summary>
    public int Pin { get; }

    /// <summary>True while lit.</summary>
    public bool IsOn { get; private set; }

    /// <summary>Lights or darkens the LED; writes the pin only on a change. Thread: control.</summary>
    public void Set(bool on)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (on == IsOn)
        {
            return;
        }

        _controller.Write(Pin, on ? _onLevel : !_onLevel);
        IsOn = on;
    }

    /// <summary>Turns the LED off and closes the pin. Thread: control.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        Set(false);
        _disposed = true;
        _controller.ClosePin(Pin);
    }
}
