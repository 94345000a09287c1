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

    // Scratch for the minimax fit: the window's points in tick order, and the two convex hulls (indices).
    private readonly double[] _y = new double[Capacity];
    private readonly int[] _lower = new int[Capacity];
    private readonly int[] _upper = new int[Capacity];
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

    /// <summary>
    /// A least-squares parabola through the same ticks as <see cref="TryFit"/>: arrival time against tick number
    /// with a curvature term, so a tempo that ramps is followed without the straight line's lag of half a window.
    /// Returns the tick period at the newest tick (the parabola's slope there) and the curvature's size against
    /// its standard error from the fit's residuals (a t statistic: of the order of 1 for a steady clock, tens
    /// during a DAW's tempo ramp). Thread: the owner.
    /// </summary>
    public bool TryFitParabola(double windowSeconds, int minTicks, out double period, out double curvatureT)
    {
        period = 0;
        curvatureT = 0;
        int available = (int)Math.Min(_count, Capacity);
        if (available < Math.Max(minTicks, 4))
        {
            return false;
        }

        double newest = _times[(_count - 1) & Mask];
        int n = TicksInWindow(windowSeconds, minTicks, available);
        double s1 = 0, s2 = 0, s3 = 0, s4 = 0, t0 = 0, t1 = 0, t2 = 0;
        for (int i = 0; i < n; i++)
        {
            double y = _times[(_count - 1 - i) & Mask] - newest;
            double x = -i, xx = x * x;
            s1 += x;
            s2 += xx;
            s3 += xx * x;
            s4 += xx * xx;
            t0 += y;
            t1 += x * y;
            t2 += xx * y;
        }

        // Normal equations [n s1 s2; s1 s2 s3; s2 s3 s4] [a b c] = [t0 t1 t2], by Cramer's rule (3x3, well
        // conditioned for n up to the capacity with x in ticks).
        double det = Det(n, s1, s2, s1, s2, s3, s2, s3, s4);
        if (!(Math.Abs(det) > 0))
        {
            return false;
        }

        double a = Det(t0, s1, s2, t1, s2, s3, t2, s3, s4) / det;
        double b = Det(n, t0, s2, s1, t1, s3, s2, t2, s4) / det;
        double c = Det(n, s1, t0, s1, s2, t1, s2, s3, t2) / det;

        // Residual variance, and c's variance from the inverse's corner cofactor (n*s2 - s1^2) / det.
        double rss = 0;
        for (int i = 0; i < n; i++)
        {
            double x = -i;
            double r = _times[(_count - 1 - i) & Mask] - newest - (a + (b * x) + (c * x * x));
            rss += r * r;
        }

        double variance = n > 3 ? rss / (n - 3) : 0;
        double cVariance = variance * ((n * s2) - (s1 * s1)) / det;
        curvatureT = cVariance > 0 ? Math.Abs(c) / Math.Sqrt(cVariance) : double.PositiveInfinity;
        period = b;
        return period > 0 && double.IsFinite(period);
    }

    // The newest ticks no older than the window before the newest, but never fewer than minTicks.
    private int TicksInWindow(double windowSeconds, int minTicks, int available)
    {
        double newest = _times[(_count - 1) & Mask];
        int n = 0;
        while (n < available && (n < minTicks || _times[(_count - 1 - n) & Mask] - newest >= -windowSeconds))
        {
            n++;
        }

        return n;
    }

    private static double Det(double a, double b, double c, double d, double e, double f, double g, double h, double i) =>
        (a * ((e * i) - (f * h))) - (b * ((d * i) - (f * g))) + (c * ((d * h) - (e * g)));

    /// <summary>
    /// The minimax (Chebyshev) line through the same ticks as <see cref="TryFit"/>: the slope of the
    /// narrowest strip that holds every arrival. For bounded jitter (a USB frame, a scheduler tick) its
    /// error shrinks as 1/n^2 with the number of ticks, against 1/n^1.5 for least squares, which is what a
    /// two-beat lock at +/-3 ms needs; but one far outlier moves it, so the follower uses it only while
    /// the window first fills. Thread: the owner.
    /// </summary>
    public bool TryFitMinimax(double windowSeconds, int minTicks, out double period)
    {
        period = 0;
        int available = (int)Math.Min(_count, Capacity);
        if (available < Math.Max(minTicks, 3))
        {
            return false;
        }

        double newest = _times[(_count - 1) & Mask];
        int n = TicksInWindow(windowSeconds, minTicks, available);

        // Points in tick order: x = 0..n-1 (oldest first), y = arrival relative to the newest.
        for (int i = 0; i < n; i++)
        {
            _y[i] = _times[(_count - n + i) & Mask] - newest;
        }

        int lowerCount = Hull(_lower, n, lower: true);
        int upperCount = Hull(_upper, n, lower: false);
        double bestWidth = double.PositiveInfinity;
        double bestSlope = 0;
        Narrowest(_lower, lowerCount, _upper, upperCount, ref bestWidth, ref bestSlope);
        Narrowest(_upper, upperCount, _lower, lowerCount, ref bestWidth, ref bestSlope);
        period = bestSlope;
        return period > 0 && double.IsFinite(period);
    }

    // Monotone chain over x = 0..n-1: the lower hull turns left, the upper hull right.
    private int Hull(int[] hull, int n, bool lower)
    {
        int h = 0;
        for (int i = 0; i < n; i++)
        {
            while (h >= 2)
            {
                int a = hull[h - 2], b = hull[h - 1];
                double cross = ((b - a) * (_y[i] - _y[a])) - ((_y[b] - _y[a]) * (i - a));
                if (lower ? cross <= 0 : cross >= 0)
                {
                    h--;
                }
                else
                {
                    break;
                }
            }

            hull[h++] = i;
        }

        return h;
    }

    // The narrowest vertical strip has one side along an edge of one hull; its width is the farthest
    // vertex of the other hull from that edge's line.
    private void Narrowest(int[] edges, int edgeCount, int[] other, int otherCount, ref double bestWidth, ref double bestSlope)
    {
        for (int e = 0; e + 1 < edgeCount; e++)
        {
            int a = edges[e], b = edges[e + 1];
            double slope = (_y[b] - _y[a]) / (b - a);
            double width = 0;
            for (int k = 0; k < otherCount; k++)
            {
                int p = other[k];
                width = Math.Max(width, Math.Abs(_y[p] - (_y[a] + (slope * (p - a)))));
            }

            if (width < bestWidth)
            {
                bestWidth = width;
                bestSlope = slope;
            }
        }
    }
}
