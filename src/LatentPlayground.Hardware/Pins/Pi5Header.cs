namespace LatentPlayground.Hardware.Pins;

/// <summary>
/// The Raspberry Pi 40-pin header (the same on the Pi 5 as since the B+): which physical pin carries each GPIO
/// line. Thread: any.
/// </summary>
public static class Pi5Header
{
    /// <summary>The highest GPIO line on the header.</summary>
    public const int MaxGpio = 27;

    // Index = GPIO line, value = physical pin.
    private static ReadOnlySpan<byte> PhysicalPins =>
    [
        27, 28, 3, 5, 7, 29, 31, 26, 24, 21, // GPIO 0-9
        19, 23, 32, 33, 8, 10, 36, 11, 12, 35, // GPIO 10-19
        38, 40, 15, 16, 18, 22, 37, 13, // GPIO 20-27
    ];

    /// <summary>The physical header pin (1–40) of GPIO <paramref name="gpio"/> (0–27). Thread: any.</summary>
    public static int PhysicalPin(int gpio)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(gpio);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(gpio, MaxGpio);
        return PhysicalPins[gpio];
    }

    /// <summary>The GPIO line on physical pin <paramref name="pin"/>, or null for power and ground pins. Thread: any.</summary>
    public static int? GpioAt(int pin)
    {
        int i = PhysicalPins.IndexOf((byte)pin);
        return i < 0 ? null : i;
    }
}
