namespace LatentPlayground.Hardware.Knobs;

/// <summary>
/// How raw knob readings become a parameter value. All thresholds are in normalised units (0..1 of the
/// pot's travel), so the same options work for a 10-bit MCP3008 (1 LSB ≈ 0.001) and a 16-bit ADS1115.
/// <para>
/// The guarantee: a knob at rest never changes its value as long as its noise, peak to peak after smoothing,
/// plus <see cref="Resolution"/> stays under <see cref="WakeThreshold"/>. With the defaults that is 0.006 of
/// the travel: ±3 LSB of a 10-bit converter even before smoothing.
/// </para>
/// </summary>
public sealed record KnobOptions
{
    /// <summary>The defaults.</summary>
    public static KnobOptions Default { get; } = new();

    /// <summary>Weight of the newest sample in the exponential smoothing (1 = no smoothing). Default 0.25.</summary>
    public double Smoothing { get; init; } = 0.25;

    /// <summary>
    /// How far the smoothed reading of a resting knob must move from where its value was taken before the knob
    /// acts again. Default 0.008 (0.8 % of the travel, about 2° of a 270° pot).
    /// </summary>
    public double WakeThreshold { get; init; } = 0.008;

    /// <summary>While the knob is being turned, the value follows in steps of at least this much. Default 0.002.</summary>
    public double Resolution { get; init; } = 0.002;

    /// <summary>
    /// The knob is at rest again once its smoothed reading has stayed within ± this of one point for
    /// <see cref="SettleSamples"/> readings in a row. Default 0.004 (half the wake threshold).
    /// </summary>
    public double SettleBand { get; init; } = 0.004;

    /// <summary>Readings in a row inside <see cref="SettleBand"/> that put a turned knob back at rest. Default 24 (about 0.25 s at 100 readings a second).</summary>
    public int SettleSamples { get; init; } = 24;

    /// <summary>
    /// The first and last this much of the travel read as exactly 0 and 1, and the rest is stretched to fill
    /// 0..1, so every knob reaches both ends despite wiper resistance. Default 0.015.
    /// </summary>
    public double EndZone { get; init; } = 0.015;

    /// <summary>
    /// Soft takeover: a knob within this of the recalled value counts as already there (it picks up without a
    /// jump). Default 0.01.
    /// </summary>
    public double PickupTolerance { get; init; } = 0.01;

    /// <summary>Throws when an option is out of its range. Thread: any.</summary>
    public void Validate()
    {
        Check(Smoothing > 0 && Smoothing <= 1, nameof(Smoothing), "must be in (0, 1]");
        Check(WakeThreshold > 0 && WakeThreshold < 0.5, nameof(WakeThreshold), "must be in (0, 0.5)");
        Check(Resolution > 0 && Resolution <= WakeThreshold, nameof(Resolution), "must be positive and at most the wake threshold");
        Check(SettleBand > 0 && SettleBand <= WakeThreshold, nameof(SettleBand), "must be positive and at most the wake threshold");
        Check(SettleSamples >= 1, nameof(SettleSamples), "must be at least 1");
        Check(EndZone >= 0 && EndZone < 0.25, nameof(EndZone), "must be in [0, 0.25)");
        Check(PickupTolerance >= 0 && PickupTolerance < 0.5, nameof(PickupTolerance), "must be in [0, 0.5)");
    }

    private static void Check(bool ok, string name, string problem)
    {
        if (!ok)
        {
            throw new ArgumentException($"KnobOptions.{name} {problem}", name);
        }
    }
}
