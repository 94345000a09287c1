namespace LatentPlayground.Hardware.Encoder;

/// <summary>One detent of the encoder.</summary>
public sealed class EncoderTurnedEventArgs : EventArgs
{
    /// <summary>Creates the event. Thread: any.</summary>
    public EncoderTurnedEventArgs(int direction, int step, long timestamp)
    {
        Direction = direction;
        Step = step;
        Timestamp = timestamp;
    }

    /// <summary>+1 clockwise, -1 counter-clockwise: one detent, for menus.</summary>
    public int Direction { get; }

    /// <summary>The accelerated step, same sign as <see cref="Direction"/>: for editing values.</summary>
    public int Step { get; }

    /// <summary>When the detent was completed, in the encoder's <see cref="TimeProvider"/> timestamp units.</summary>
    public long Timestamp { get; }
}
