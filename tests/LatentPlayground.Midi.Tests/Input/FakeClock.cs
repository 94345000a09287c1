using LatentPlayground.Midi.Input;

namespace LatentPlayground.Midi.Tests.Input;

/// <summary>A clock the test sets, to check arrival stamps come from the injected clock.</summary>
internal sealed class FakeClock : IMonotonicClock
{
    private double _seconds;

    public double Seconds
    {
        get => Volatile.Read(ref _seconds);
        set => Volatile.Write(ref _seconds, value);
    }
}
