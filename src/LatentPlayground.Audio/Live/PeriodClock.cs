namespace LatentPlayground.Audio.Live;

/// <summary>
/// Makes the audio loop wait for each period the way a sound card does: period n of capture is ready once
/// (n + 1) periods of time have passed since the start. Deadlines are absolute, so the pace never drifts.
/// A loop that falls more than a buffer behind the clock would have overrun a card; that is counted, and
/// the clock is re-anchored to now, as a card restarts after an xrun, instead of racing to catch up.
/// Thread: the audio thread only (the counter may be read from any). Allocation-free.
/// </summary>
public sealed class PeriodClock
{
    private readonly double _periodNanoseconds;
    private readonly long _bufferNanoseconds;
    private long _start;
    private long _index;
    private long _overruns;

    /// <param name="periodNanoseconds">Wall-clock length of one period.</param>
    /// <param name="bufferPeriods">Periods a card would buffer before it overruns.</param>
    public PeriodClock(double periodNanoseconds, int bufferPeriods)
    {
        if (!double.IsFinite(periodNanoseconds) || periodNanoseconds <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(periodNanoseconds), periodNanoseconds, "a period lasts a positive time");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(bufferPeriods, 1);
        _periodNanoseconds = periodNanoseconds;
        _bufferNanoseconds = (long)(periodNanoseconds * bufferPeriods);
    }

    /// <summary>Times the loop fell more than a buffer behind. Thread: any.</summary>
    public long Overruns => Interlocked.Read(ref _overruns);

    /// <summary>Thread: audio. Starts counting periods from now.</summary>
    public void Start()
    {
        _start = MonotonicClock.NowNanoseconds();
        _index = 0;
    }

    /// <summary>Thread: audio. Waits until the next period is due (returns at once when it already is).</summary>
    public void WaitForNextPeriod()
    {
        long due = _start + (long)((_index + 1) * _periodNanoseconds);
        long now = MonotonicClock.NowNanoseconds();
        if (now - due > _bufferNanoseconds)
        {
            Interlocked.Increment(ref _overruns);
            _start = now - (long)((_index + 1) * _periodNanoseconds);
        }
        else if (now < due)
        {
            MonotonicClock.SleepUntil(due);
        }

        _index++;
    }
}
