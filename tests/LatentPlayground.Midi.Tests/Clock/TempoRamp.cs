namespace LatentPlayground.Midi.Tests.Clock;

/// <summary>
/// A tempo that holds <see cref="From"/> for <see cref="LeadBeats"/> beats, rises linearly in time to
/// <see cref="To"/> over <see cref="RampBeats"/> beats, then holds <see cref="To"/>. Exact, in closed form.
/// </summary>
internal sealed class TempoRamp(double from, double to, double leadBeats, double rampBeats)
{
    public double From { get; } = from;

    public double To { get; } = to;

    public double LeadBeats { get; } = leadBeats;

    public double RampBeats { get; } = rampBeats;

    /// <summary>Seconds the ramp takes: its beats over its mean tempo.</summary>
    public double RampSeconds => RampBeats * 60.0 / ((From + To) / 2);

    public double RampStart => LeadBeats * 60.0 / From;

    public double RampEnd => RampStart + RampSeconds;

    private double Slope => (To - From) / RampSeconds; // BPM per second

    public double BpmAt(double t) =>
        t <= RampStart ? From : t >= RampEnd ? To : From + (Slope * (t - RampStart));

    public double BeatsAt(double t)
    {
        if (t <= RampStart)
        {
            return t * From / 60.0;
        }

        double tau = Math.Min(t, RampEnd) - RampStart;
        double beats = LeadBeats + (((From * tau) + (Slope * tau * tau / 2)) / 60.0);
        return t <= RampEnd ? beats : beats + ((t - RampEnd) * To / 60.0);
    }

    /// <summary>The exact time the beat position reaches <paramref name="beats"/>.</summary>
    public double TimeOf(double beats)
    {
        if (beats <= LeadBeats)
        {
            return beats * 60.0 / From;
        }

        if (beats >= LeadBeats + RampBeats)
        {
            return RampEnd + ((beats - LeadBeats - RampBeats) * 60.0 / To);
        }

        // Slope/2 tau^2 + From tau - 60 b = 0, for the beats b into the ramp.
        double b = beats - LeadBeats;
        double a = Slope / 2;
        double tau = (-From + Math.Sqrt((From * From) + (4 * a * 60 * b))) / (2 * a);
        return RampStart + tau;
    }

    public double[] Ticks(int count)
    {
        var times = new double[count];
        for (int k = 0; k < count; k++)
        {
            times[k] = TimeOf(k / 24.0);
        }

        return times;
    }
}
