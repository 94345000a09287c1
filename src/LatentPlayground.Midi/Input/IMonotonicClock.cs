namespace LatentPlayground.Midi.Input;

/// <summary>
/// A clock that only moves forward, in seconds from an arbitrary origin: the time base of arrival stamps, the
/// clock follower and tap tempo. Injectable so tests can stamp bytes with times they choose.
/// </summary>
public interface IMonotonicClock
{
    /// <summary>Seconds now. Thread: any (implementations must allow concurrent reads).</summary>
    double Seconds { get; }
}
