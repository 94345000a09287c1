namespace LatentPlayground.Hardware.Switches;

/// <summary>One switch event.</summary>
public sealed class SwitchEventArgs : EventArgs
{
    /// <summary>Creates the event. Thread: any.</summary>
    public SwitchEventArgs(int pin, SwitchEventKind kind, long timestamp)
    {
        Pin = pin;
        Kind = kind;
        Timestamp = timestamp;
    }

    /// <summary>The GPIO line of the switch.</summary>
    public int Pin { get; }

    /// <summary>What happened.</summary>
    public SwitchEventKind Kind { get; }

    /// <summary>When it happened, in the switch's <see cref="TimeProvider"/> timestamp units.</summary>
    public long Timestamp { get; }
}
