namespace LatentPlayground.Midi.Clock;

/// <summary>
/// A least-squares straight line through the arrival times of the latest clock ticks against their tick
/// numbers, over a sliding window: its slope is the tick period. Fixed storage, no allocation.
/// Thread: the owner of the <see cref="ClockFollower"/>.
/// </summary>
internal sealed class TickLineFit
{
    /// <summary>Ticks kept: 2 s of clock at 400 BPM is 320 ticks, so a full window always fits.</summary>
    public const int Capacity = 512;

    private const int Mask = Capacity - 1;

    private readonly double[] _times = new double[Capacity];
    private long _count;

    /// <summary>Ticks added since the last <see cref="Clear"/>.</summary>
    public long Count => _count;

    /// <summary>Forgets every tick. Thread: the owner.</summary>
    public void Clear() => _count = 0;

    /// <summary>Adds the next tick's arrival time; the oldest beyond <see cref="Capacity"/> drops out. Thread: the owner.</summary>
    public void Add(double time)
    {
        _times[_count & Mask] = time;
        _count++;
    }

    /// <summary>
    /// Fits the ticks no older than <paramref name="windowSeconds"/> before the newest one, but never fewer than
    /// <paramref name="minTicks"/>. Returns false when there are too few ticks or they do not move forward.
    /// Thread: the owner.
    /// </summary>
    public bool TryFit(double windowSeconds, int minTicks, out double period)
    {
        period = 0;
        int available = (int)Math.Min(_count, Capacity);
        if (available < Math.Max(minTicks, 2))
        {
            return false;
        }

        // Coordinates relative to the newest tick keep the sums small, so absolute times of hours lose no
        // precision: x is the tick number (0, -1, -2, ...), y the arrival time minus the newest arrival.
        double newest = _times[(_count - 1) & Mask];
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = 0;
        for (int i = 0; i < available; i++)
        {
            double y = _times[(_count - 1 - i) & Mask] - newest;
            if (y < -windowSeconds && n >= minTicks)
            {
                break;
            }

            double x = -i;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
            n++;
        }

        double denominator = (n * sxx) - (sx * sx);
        if (denominator <= 0)
        {
            return false;
        }

        period = ((n * sxy) - (sx * sy)) / denominator;
        return period > 0 && double.IsFinite(period);
    }
}
