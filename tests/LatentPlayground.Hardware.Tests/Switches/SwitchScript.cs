using System.Device.Gpio;
using LatentPlayground.Hardware.Simulation;
using LatentPlayground.Hardware.Switches;

namespace LatentPlayground.Hardware.Tests.Switches;

/// <summary>
/// A footswitch on a simulated GPIO line under a fake clock: press, bounce and wait in milliseconds, polling
/// every millisecond like the control loop, and collect the events as "t:Kind" strings.
/// </summary>
internal sealed class SwitchScript : IDisposable
{
    public const int Pin = 5;

    public SwitchScript(SwitchOptions? options = null)
    {
        Driver = new SimulatedGpioDriver();
        Controller = new GpioController(Driver);
        Switch = new MomentarySwitch(Controller, Pin, options, Clock);
        Switch.Gesture += (_, e) => Events.Add($"{e.Timestamp / TimeSpan.TicksPerMillisecond}:{e.Kind}");
    }

    public ManualTimeProvider Clock { get; } = new();

    public SimulatedGpioDriver Driver { get; }

    public GpioController Controller { get; }

    public MomentarySwitch Switch { get; }

    public List<string> Events { get; } = [];

    public long Now => (long)Clock.Now.TotalMilliseconds;

    /// <summary>Lets <paramref name="ms"/> milliseconds pass, polling each millisecond.</summary>
    public void Wait(int ms)
    {
        for (int i = 0; i < ms; i++)
        {
            Clock.AdvanceMilliseconds(1);
            Switch.Poll();
        }
    }

    /// <summary>Closes the contact with a few milliseconds of bounce first, then holds it closed.</summary>
    public void Press(bool bounce = true)
    {
        if (bounce)
        {
            foreach (bool closed in new[] { true, false, true, false, true })
            {
                Driver.Drive(Pin, closed ? PinValue.Low : null);
                Wait(1);
            }
        }
        else
        {
            Driver.Press(Pin);
        }
    }

    /// <summary>Opens the contact with a little bounce.</summary>
    public void Release(bool bounce = true)
    {
        if (bounce)
        {
            foreach (bool closed in new[] { false, true, false })
            {
                Driver.Drive(Pin, closed ? PinValue.Low : null);
                Wait(1);
            }
        }
        else
        {
            Driver.Release(Pin);
        }
    }

    public void Dispose()
    {
        Switch.Dispose();
        Controller.Dispose();
    }
}
