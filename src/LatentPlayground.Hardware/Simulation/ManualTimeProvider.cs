namespace LatentPlayground.Hardware.Simulation;

/// <summary>
/// A clock that moves only when told to: the fake clock of the tests and of scripted simulator runs.
/// Timestamps count in 100 ns ticks (<see cref="TimeSpan.TicksPerSecond"/>) from zero.
/// Timers are not supported: the drivers only read timestamps.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private long _ticks;

    /// <summary>Starts at <paramref name="start"/> (zero by default). Thread: any.</summary>
    public ManualTimeProvider(TimeSpan start = default)
    {
        _ticks = start.Ticks;
    }

    /// <inheritdoc/>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>The time since the clock's zero. Thread: any.</summary>
    public TimeSpan Now => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    /// <summary>The current timestamp, in 100 ns ticks. Thread: any.</summary>
    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    /// <summary>Moves the clock forward. Thread: any (the test or simulator thread that owns the script).</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _ticks, by.Ticks);
    }

    /// <summary>Moves the clock forward by whole milliseconds. Thread: any.</summary>
    public void AdvanceMilliseconds(double milliseconds) => Advance(TimeSpan.FromMilliseconds(milliseconds));
}
