namespace LatentPlayground.Midi.Tests.Clock;

/// <summary>
/// MIDI clock as a test sends it: exact tick times of a tempo curve, plus seeded uniform arrival jitter.
/// Tick k is exactly k/24 beats after tick 0, so the true beat position at tick k is k/24.
/// </summary>
internal static class ClockSignal
{
    /// <summary>Exact times of <paramref name="ticks"/> ticks at a steady tempo, the first at <paramref name="start"/>.</summary>
    public static double[] Steady(double bpm, int ticks, double start = 0)
    {
        double period = 60.0 / (24 * bpm);
        var times = new double[ticks];
        for (int k = 0; k < ticks; k++)
        {
            times[k] = start + (k * period);
        }

        return times;
    }

    /// <summary>Adds uniform jitter in [-amplitude, +amplitude] seconds, drawn from a seeded generator.</summary>
    public static double[] Jitter(double[] exact, double amplitude, int seed)
    {
        var random = new Random(seed);
        var times = new double[exact.Length];
        for (int k = 0; k < exact.Length; k++)
        {
            times[k] = exact[k] + (((random.NextDouble() * 2) - 1) * amplitude);
        }

        return times;
    }
}
