namespace LatentPlayground.Core.Modulation;

/// <summary>Applies a <see cref="RangeMode"/>. Pure and allocation-free; any thread.</summary>
public static class RangeLimiter
{
    public static double Apply(double value, RangeMode mode, double limit)
    {
        switch (mode)
        {
            case RangeMode.Clip:
                return Math.Clamp(value, -limit, limit);
            case RangeMode.Warp:
                {
                    double span = 2 * limit;
                    double m = (value + limit) % span;
                    if (m < 0)
                    {
                        m += span;
                    }

                    return m - limit;
                }

            case RangeMode.Fold:
                {
                    // A triangle wave of period 4*limit is the identity on [-limit, limit]
                    // and mirrors everything beyond it, so the fold never jumps.
                    double period = 4 * limit;
                    double m = (value + limit) % period;
                    if (m < 0)
                    {
                        m += period;
                    }

                    return limit - Math.Abs(m - (2 * limit));
                }

            default:
                return value;
        }
    }
}
