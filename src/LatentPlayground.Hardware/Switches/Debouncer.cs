namespace LatentPlayground.Hardware.Switches;

/// <summary>
/// Debounces one contact by time: a new raw level counts once it has held, unbroken, for the debounce time.
/// A bounce or a spike shorter than that never gets through. Fed with raw levels and their timestamps, from
/// polling (the level now) or from edges (the level each edge set); both give the same result.
/// Pure logic. Thread: one thread (the control thread).
/// </summary>
public sealed class Debouncer
{
    private readonly long _debounce;
    private bool _candidate;
    private long _candidateSince;

    /// <summary>Starts with both the stable and the raw level at <paramref name="level"/>. Thread: any.</summary>
    public Debouncer(long debounceTicks, bool level)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(debounceTicks);
        _debounce = debounceTicks;
        Level = _candidate = level;
    }

    /// <summary>The debounced level.</summary>
    public bool Level { get; private set; }

    /// <summary>
    /// The raw level is <paramref name="raw"/> at time <paramref name="now"/> (timestamps must not go back).
    /// Returns true when the debounced level changed; <paramref name="changedAt"/> is then the moment it became
    /// stable (the raw change plus the debounce time), which can be earlier than <paramref name="now"/>.
    /// Reports at most one change per call. Thread: control.
    /// </summary>
    public bool Observe(bool raw, long now, out long changedAt)
    {
        changedAt = 0;
        bool changed = false;
        if (_candidate != Level && now - _candidateSince >= _debounce)
        {
            // The pending level held long enough before this observation.
            Level = _candidate;
            changedAt = _candidateSince + _debounce;
            changed = true;
        }

        if (raw != _candidate)
        {
            _candidate = raw;
            _candidateSince = now;
            if (!changed && _debounce == 0)
            {
                Level = raw;
                changedAt = now;
                changed = true;
            }
        }

        return changed;
    }
}
