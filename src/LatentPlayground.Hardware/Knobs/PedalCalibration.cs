namespace LatentPlayground.Hardware.Knobs;

/// <summary>
/// Where an expression pedal's travel ends, in raw codes, and which way round it is wired.
/// Codes at or beyond <see cref="MinCode"/>/<see cref="MaxCode"/> read as the ends.
/// </summary>
/// <param name="MinCode">The lowest code of the travel.</param>
/// <param name="MaxCode">The highest code of the travel; above <see cref="MinCode"/>.</param>
/// <param name="Reversed">True when the heel position gives the high code (the pedal's pot wired the other way).</param>
public readonly record struct PedalCalibration(int MinCode, int MaxCode, bool Reversed = false)
{
    /// <summary>The whole range of a converter, heel = 0: the calibration before any was made. Thread: any.</summary>
    public static PedalCalibration FullRange(int fullScaleCode) => new(0, fullScaleCode);

    /// <summary>Heel = 0, toe = 1, clamped. Thread: any.</summary>
    public double Normalize(int code)
    {
        if (MaxCode <= MinCode)
        {
            throw new InvalidOperationException($"calibration {MinCode}..{MaxCode} is empty");
        }

        double t = Math.Clamp((double)(code - MinCode) / (MaxCode - MinCode), 0, 1);
        return Reversed ? 1 - t : t;
    }
}
