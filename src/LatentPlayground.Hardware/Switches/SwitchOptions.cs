namespace LatentPlayground.Hardware.Switches;

/// <summary>Timing and wiring of a momentary switch (a footswitch or the encoder's push).</summary>
public sealed record SwitchOptions
{
    /// <summary>The defaults: 15 ms debounce, 600 ms long press, 300 ms double-press window, active low, polled.</summary>
    public static SwitchOptions Default { get; } = new();

    /// <summary>
    /// How long the contact must stay at a new level before it counts. Default 15 ms: soft-touch and
    /// 3PDT footswitches bounce for a few milliseconds.
    /// </summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(15);

    /// <summary>Hold time that makes a long press; null turns long press off. Default 600 ms.</summary>
    public TimeSpan? LongPress { get; init; } = TimeSpan.FromMilliseconds(600);

    /// <summary>
    /// How soon after a short press's release a second press makes a double press. Default 300 ms.
    /// <see cref="TimeSpan.Zero"/> turns double press off, and single presses are then reported at the release
    /// instead of after the window: use that for switches whose controls map has no double-press action.
    /// </summary>
    public TimeSpan DoublePressWindow { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>True when pressing pulls the line to GND (the pedal's wiring: internal pull-up, switch to GND).</summary>
    public bool ActiveLow { get; init; } = true;

    /// <summary>Polling (default) or edge callbacks.</summary>
    public InputSampling Sampling { get; init; } = InputSampling.Polling;

    /// <summary>Throws when an option is out of range. Thread: any.</summary>
    public void Validate()
    {
        if (Debounce < TimeSpan.Zero)
        {
            throw new ArgumentException("SwitchOptions.Debounce must not be negative", nameof(Debounce));
        }

        if (LongPress is TimeSpan l && l <= Debounce)
        {
            throw new ArgumentException("SwitchOptions.LongPress must be longer than the debounce time", nameof(LongPress));
        }

        if (DoublePressWindow < TimeSpan.Zero)
        {
            throw new ArgumentException("SwitchOptions.DoublePressWindow must not be negative", nameof(DoublePressWindow));
        }
    }
}
