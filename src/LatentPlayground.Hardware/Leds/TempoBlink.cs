namespace LatentPlayground.Hardware.Leds;

/// <summary>
/// The tempo LED: lit for the first part of every beat. Driven by the beat position the caller gives
/// (<c>TempoState.Beats</c>, in quarter notes), so the LED is exactly in phase with the modulators and needs no
/// clock of its own. Pure arithmetic. Thread: any.
/// </summary>
public static class TempoBlink
{
    /// <summary>The default lit fraction of a beat: 0.2 (100 ms at 120 BPM).</summary>
    public const double DefaultDuty = 0.2;

    /// <summary>True during the first <paramref name="duty"/> (0..1) of each beat at position <paramref name="beats"/>. Thread: any.</summary>
    public static bool IsLit(double beats, double duty = DefaultDuty)
    {
        if (!double.IsFinite(beats))
        {
            return false;
        }

        double phase = beats - Math.Floor(beats);
        return phase < duty;
    }
}
