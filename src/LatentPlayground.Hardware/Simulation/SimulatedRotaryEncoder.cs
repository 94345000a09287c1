using System.Device.Gpio;

namespace LatentPlayground.Hardware.Simulation;

/// <summary>
/// The mechanical side of a quadrature encoder on a <see cref="SimulatedGpioDriver"/>: two contacts to GND that
/// close and open in Gray-code order as the shaft turns, and a push switch. A closed contact drives its line low;
/// an open one leaves it to the pull-up. Clockwise (A leading) from rest (both open) goes
/// A closes, B closes, A opens, B opens — the order <c>Encoder.QuadratureDecoder</c> calls clockwise.
/// Thread: one thread at a time (the test or the simulator's input thread).
/// </summary>
public sealed class SimulatedRotaryEncoder
{
    // Contact states (A closed, B closed) along one clockwise cycle, starting at rest.
    private static readonly (bool A, bool B)[] Cycle = [(false, false), (true, false), (true, true), (false, true)];

    private readonly SimulatedGpioDriver _driver;
    private int _position;   // index into Cycle

    /// <summary>An encoder wired to <paramref name="pinA"/>, <paramref name="pinB"/> and <paramref name="pushPin"/> of <paramref name="driver"/>, at rest. Thread: any.</summary>
    public SimulatedRotaryEncoder(SimulatedGpioDriver driver, int pinA, int pinB, int pushPin)
    {
        ArgumentNullException.ThrowIfNull(driver);
        _driver = driver;
        PinA = pinA;
        PinB = pinB;
        PushPin = pushPin;
    }

    /// <summary>Contact A's line.</summary>
    public int PinA { get; }

    /// <summary>Contact B's line.</summary>
    public int PinB { get; }

    /// <summary>The push switch's line.</summary>
    public int PushPin { get; }

    /// <summary>
    /// Moves the shaft one Gray-code transition (a quarter cycle) clockwise or counter-clockwise. Thread: the caller's.
    /// </summary>
    public void Step(bool clockwise)
    {
        _position = (_position + (clockwise ? 1 : 3)) % Cycle.Length;
        Apply(Cycle[_position].A, Cycle[_position].B);
    }

    /// <summary>
    /// Turns <paramref name="detents"/> detents (positive clockwise) of <paramref name="transitionsPerDetent"/>
    /// transitions each, calling <paramref name="between"/> after every transition (to advance a clock or poll
    /// the driver). Thread: the caller's.
    /// </summary>
    public void Turn(int detents, int transitionsPerDetent = 4, Action? between = null)
    {
        bool clockwise = detents > 0;
        for (int i = 0; i < Math.Abs(detents) * transitionsPerDetent; i++)
        {
            Step(clockwise);
            between?.Invoke();
        }
    }

    /// <summary>
    /// Sets both contacts at the same instant, valid transition or not (for bounce and glitch tests).
    /// Thread: the caller's.
    /// </summary>
    public void SetContacts(bool aClosed, bool bClosed)
    {
        Apply(aClosed, bClosed);
        int found = Array.IndexOf(Cycle, (aClosed, bClosed));
        _position = found;
    }

    /// <summary>Presses (true) or releases the push switch. Thread: the caller's.</summary>
    public void SetPushed(bool pushed) => _driver.Drive(PushPin, pushed ? PinValue.Low : null);

    private void Apply(bool aClosed, bool bClosed)
    {
        _driver.Drive([(PinA, aClosed ? PinValue.Low : null), (PinB, bClosed ? PinValue.Low : null)]);
    }
}
