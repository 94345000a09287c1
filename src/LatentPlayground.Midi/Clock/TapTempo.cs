using LatentPlayground.Core.Tempo;

namespace LatentPlayground.Midi.Clock;

/// <summary>
/// Tempo from a tapped footswitch, the fallback when no MIDI clock is there. The tempo is the mean of the last
/// few intervals between taps, so one late stomp moves it a little, not all the way; a pause of more than
/// <see cref="ResetGapSeconds"/> starts a new series, so the first tap after a pause is not read as a very
/// slow beat. Times are seconds on any monotonic clock.
/// Thread: the control thread that reads the footswitch; not thread-safe.
/// </summary>
public sealed class TapTempo
{
    /// <summary>A gap longer than this starts a new series of taps.</summary>
    public const double ResetGapSeconds = 2.0;

    /// <summary>How many of the latest intervals are averaged.</summary>
    public const int AveragedIntervals = 4;

    private readonly double[] _intervals = new double[AveragedIntervals];
    private int _intervalCount;
    private int _next;
    private double _lastTap = double.NegativeInfinity;

    /// <summary>Starts with no taps and <paramref name="initialBpm"/> as the held tempo. Thread: any; then the control thread's.</summary>
    public TapTempo(double initialBpm = 120)
    {
        Bpm = Math.Clamp(initialBpm, TempoClock.MinBpm, TempoClock.MaxBpm);
    }

    /// <summary>The tapped tempo; holds its last value through pauses and new series until a second tap.</summary>
    public double Bpm { get; private set; }

    /// <summary>Taps in the current series (1 after the first tap of a series).</summary>
    public int TapsInSeries { get; private set; }

    /// <summary>When the last tap came, so a caller can put the beat on it; -infinity before any.</summary>
    public double LastTapTime => _lastTap;

    /// <summary>
    /// Registers a tap at <paramref name="time"/> seconds. Returns true when it changed the tempo (from the second
    /// tap of a series on). A tap at or before the previous one is ignored. Thread: the control thread.
    /// </summary>
    public bool Tap(double time)
    {
        if (!double.IsFinite(time) || time <= _lastTap)
        {
            return false;
        }

        double interval = time - _lastTap;
        _lastTap = time;
        if (interval > ResetGapSeconds)
        {
            _intervalCount = 0;
            _next = 0;
            TapsInSeries = 1;
            return false;
        }

        TapsInSeries++;
        _intervals[_next] = interval;
        _next = (_next + 1) % AveragedIntervals;
        _intervalCount = Math.Min(_intervalCount + 1, AveragedIntervals);

        double sum = 0;
        for (int i = 0; i < _intervalCount; i++)
        {
            sum += _intervals[i];
        }

        Bpm = Math.Clamp(60.0 * _intervalCount / sum, TempoClock.MinBpm, TempoClock.MaxBpm);
        return true;
    }

    /// <summary>Forgets the series; the tempo holds. Thread: the control thread.</summary>
    public void Reset()
    {
        _intervalCount = 0;
        _next = 0;
        TapsInSeries = 0;
        _lastTap = double.NegativeInfinity;
    }
}
