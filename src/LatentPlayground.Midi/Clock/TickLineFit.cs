namespace LatentPlayground.Midi.Clock;

/// <summary>
/// Fits the arrival times of the latest clock ticks against their tick numbers over a sliding window: a
/// least-squares line (its slope is the tick period), the minimax line for a quick lock, and curved models
/// for tempo ramps and their corners. Fixed storage, no allocation.
/// Thread: the owner of the <see cref="ClockFollower"/>.
/// </summary>
internal sealed class TickLineFit
{
    /// <summary>Ticks kept: 2 s of clock at 400 BPM is 320 ticks, so a full window always fits.</summary>
    public const int Capacity = 512;

    private const int Mask = Capacity - 1;

    private readonly double[] _times = new double[Capacity];

    // Scratch for the minimax fit: the window's points in tick order, and the two convex hulls (indices); the
    // curved fit uses _y too, newest first.
    private readonly double[] _y = new double[Capacity];
    private readonly int[] _lower = new int[Capacity];
    private readonly int[] _upper = new int[Capacity];

    // Scratch for the curved fit: |second differences| (for their median), and prefix sums of the line's
    // residuals times i^0, i^1, i^2.
    private readonly double[] _abs = new double[Capacity];
    private readonly double[] _r0 = new double[Capacity + 1];
    private readonly double[] _r1 = new double[Capacity + 1];
    private readonly double[] _r2 = new double[Capacity + 1];
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
    /// The tick period at the newest tick from the best of a straight line and a family of curved models over the
    /// same ticks as <see cref="TryFit"/>: a parabola (a ramp under way), a line that turns into a parabola
    /// <c>j</c> ticks ago (a ramp that started then), and a parabola that turns into a line <c>j</c> ticks ago
    /// (a ramp that ended then), each with its slope continuous at the knot. Each model is scored by the squared
    /// residuals it removes from the line's, in units of the jitter's variance (estimated from second
    /// differences, which a ramp hardly moves); a curved model needs more than <paramref name="threshold"/>, and
    /// a ramp's end also <paramref name="endMargin"/> more than the parabola, which otherwise bends to the
    /// newest ticks' noise. Knots closer than <paramref name="minKnotTicks"/> to either end are not tried: their
    /// slope would rest on a handful of ticks. A late tick that stands out of its neighbours beyond any jitter
    /// is replaced by their mean first, so one glitch does not make a corner. <paramref name="curved"/> tells
    /// whether a curved model won; when none did, <paramref name="period"/> is the line's. Thread: the owner.
    /// </summary>
    public bool TryFitCurved(double windowSeconds, int minTicks, int minKnotTicks, double threshold, double endMargin, out double period, out bool curved)
    {
        period = 0;
        curved = false;
        int available = (int)Math.Min(_count, Capacity);
        if (available < Math.Max(minTicks, 2 * minKnotTicks + 4))
        {
            return false;
        }

        double newest = _times[(_count - 1) & Mask];
        int n = TicksInWindow(windowSeconds, minTicks, available);

        for (int i = 0; i < n; i++)
        {
            _y[i] = _times[(_count - 1 - i) & Mask] - newest;
        }

        double variance = Despike(n);
        if (!(variance > 0))
        {
            return TryFit(windowSeconds, minTicks, out period);
        }

        // The straight line, in i = ticks before the newest (so y falls with i, and the period is -slope).
        double s0 = n, s1 = U1(n - 1), s2 = U2(n - 1);
        double sy = 0, siy = 0;
        for (int i = 0; i < n; i++)
        {
            sy += _y[i];
            siy += i * _y[i];
        }

        double lineDenominator = (s0 * s2) - (s1 * s1);
        double b = ((s0 * siy) - (s1 * sy)) / lineDenominator;
        double a = (sy - (b * s1)) / s0;

        // Prefix sums of i^p r_i over i < k, r the line's residuals: every curved model's fit comes from them.
        _r0[0] = _r1[0] = _r2[0] = 0;
        for (int i = 0; i < n; i++)
        {
            double r = _y[i] - (a + (b * i));
            _r0[i + 1] = _r0[i] + r;
            _r1[i + 1] = _r1[i] + (i * r);
            _r2[i + 1] = _r2[i] + (i * (double)i * r);
        }

        // Each family keeps its best member: the most squared residual removed.
        double parabolaGain = 0, parabolaSlope = 0, startGain = 0, startSlope = 0, endGain = 0, endSlope = 0;

        // The parabola: any quadratic in i is the line plus a multiple of (n - 1 - i)^2.
        int last = n - 1;
        Consider(-2.0 * last, U2(last), U4(last), (last * U2(last)) - U3(last), (last * (double)last * _r0[last]) - (2.0 * last * _r1[last]) + _r2[last], s0, s1, lineDenominator, ref parabolaGain, ref parabolaSlope);

        // A ramp that started j ticks ago: h = (j - i)^2 for i < j, else 0. Slope of h at i = 0: -2j.
        for (int j = minKnotTicks; j < last; j++)
        {
            double sh = U2(j), sh2 = U4(j), sih = (j * U2(j)) - U3(j);
            double shr = (j * (double)j * _r0[j]) - (2.0 * j * _r1[j]) + _r2[j];
            Consider(-2.0 * j, sh, sh2, sih, shr, s0, s1, lineDenominator, ref startGain, ref startSlope);
        }

        // A ramp that ended j ticks ago: h = (i - j)^2 for i > j, else 0; flat at i = 0.
        for (int j = minKnotTicks; j <= last - minKnotTicks; j++)
        {
            int m = last - j;
            double sh = U2(m), sh2 = U4(m), sih = (j * U2(m)) + U3(m);
            double shr = (_r2[n] - _r2[j + 1]) - (2.0 * j * (_r1[n] - _r1[j + 1])) + (j * (double)j * (_r0[n] - _r0[j + 1]));
            Consider(0, sh, sh2, sih, shr, s0, s1, lineDenominator, ref endGain, ref endSlope);
        }

        // Penalised residuals, in jitter variances: the line costs nothing, a curved model the threshold (and
        // an end the margin) less what it removes; the cheapest wins.
        double bestCost = 0, slope = 0;
        Pick(threshold - (parabolaGain / variance), parabolaSlope, ref bestCost, ref slope);
        Pick(threshold - (startGain / variance), startSlope, ref bestCost, ref slope);
        Pick(threshold + endMargin - (endGain / variance), endSlope, ref bestCost, ref slope);
        curved = bestCost < 0;
        period = -(b + slope);
        return period > 0 && double.IsFinite(period);
    }

    // The jitter's variance, from the second differences d_i = y[i-1] - 2 y[i] + y[i+1] (mean square 6 s^2 for
    // white jitter), which a ramp hardly touches (its curvature moves d by hundredths of a millisecond). The
    // limit of what jitter makes is 3.5 standard deviations of d, taken from the median of |d| so that a glitch
    // cannot raise it (bounded jitter of +/-a never passes 4a, 2.8 of them); the mean square counts each |d| up
    // to that limit. A single late tick g makes the pattern (A, -2A, A) around g; where |d| passes the limit,
    // the tick is replaced by its neighbours' mean, so that no curved model bends to one glitch. Returns the
    // variance.
    private double Despike(int n)
    {
        int count = n - 2;
        for (int i = 1; i < n - 1; i++)
        {
            _abs[i - 1] = Math.Abs(SecondDifference(i));
        }

        double limit = 3.5 * Median(_abs, count) / 0.6745;
        double sumSquares = 0;
        for (int i = 1; i < n - 1; i++)
        {
            double d = Math.Min(Math.Abs(SecondDifference(i)), limit);
            sumSquares += d * d;
        }

        double variance = sumSquares / (6.0 * count);
        for (int i = 1; i < n - 1; i++)
        {
            double d = SecondDifference(i);
            double before = i > 1 ? Math.Abs(SecondDifference(i - 1)) : 0;
            double after = i < n - 2 ? Math.Abs(SecondDifference(i + 1)) : 0;
            if (Math.Abs(d) <= limit || Math.Abs(d) < before || Math.Abs(d) < after)
            {
                continue;
            }

            // At the ends a glitch on the end tick shows only as one large d next to it, with no -2A: it is the
            // end tick, unless a glitch of -d/2 on its neighbour also explains the next d (the pattern's last A).
            if (i == 1 && Math.Abs(SecondDifference(2) + (d / 2)) >= Math.Abs(SecondDifference(2)))
            {
                _y[0] -= d;
            }
            else if (i == n - 2 && Math.Abs(SecondDifference(n - 3) + (d / 2)) >= Math.Abs(SecondDifference(n - 3)))
            {
                _y[n - 1] -= d;
            }
            else
            {
                _y[i] += d / 2;
            }
        }

        return variance;
    }

    // Hoare's selection in place: the lower median of the first count values, average time linear.
    private static double Median(double[] values, int count)
    {
        int k = (count - 1) / 2, lo = 0, hi = count - 1;
        while (lo < hi)
        {
            double pivot = values[(lo + hi) >> 1];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                break;
            }
        }

        return values[k];
    }

    private double SecondDifference(int i) => _y[i - 1] - (2 * _y[i]) + _y[i + 1];

    // One curved model: the line plus c times h, where h is taken off its own line (h') so that c comes from the
    // line's residuals alone. It removes (h.r)^2 / |h'|^2 of squared residual, and adds c times the slope of h'
    // at the newest tick to the line's slope.
    private static void Consider(double slopeAtNewest, double sh, double sh2, double sih, double shr, double s0, double s1, double lineDenominator, ref double bestGain, ref double bestSlope)
    {
        double beta = ((s0 * sih) - (s1 * sh)) / lineDenominator;
        double alpha = (sh - (beta * s1)) / s0;
        double norm = sh2 - (alpha * sh) - (beta * sih);
        if (!(norm > 0))
        {
            return;
        }

        double gain = shr * shr / norm;
        if (gain > bestGain)
        {
            bestGain = gain;
            bestSlope = shr / norm * (slopeAtNewest - beta);
        }
    }

    private static void Pick(double cost, double slope, ref double bestCost, ref double bestSlope)
    {
        if (cost < bestCost)
        {
            bestCost = cost;
            bestSlope = slope;
        }
    }

    // Sums of u^p for u = 1..m, in closed form.
    private static double U1(int m) => m * (m + 1.0) / 2;

    private static double U2(int m) => m * (m + 1.0) * ((2.0 * m) + 1) / 6;

    private static double U3(int m) => U1(m) * U1(m);

    private static double U4(int m) => m * (m + 1.0) * ((2.0 * m) + 1) * ((3.0 * m * m) + (3.0 * m) - 1) / 30;

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
