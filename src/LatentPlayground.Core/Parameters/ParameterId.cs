namespace LatentPlayground.Core.Parameters;

/// <summary>
/// Every control a user can touch. The numeric values index <see cref="ParameterTable.All"/> and
/// the value arrays of <see cref="ParameterSet"/>; per-dimension controls are eight consecutive ids.
/// New parameters are appended so stored ids keep their meaning.
/// </summary>
public enum ParameterId
{
    Encode,
    Decode,
    DryWet,
    Align,
    Limiter,
    LimiterCeiling,
    Bypass,
    Offset1,
    Offset2,
    Offset3,
    Offset4,
    Offset5,
    Offset6,
    Offset7,
    Offset8,
    Deviation,
    Modulation,
    Basis,
    Speed,
    Scale,
    Rate,
    Mode,
    Seed1,
    Seed2,
    Seed3,
    Seed4,
    Seed5,
    Seed6,
    Seed7,
    Seed8,
    GlobalSeed,
    SeedLink,
    Time1,
    Time2,
    Time3,
    Time4,
    Time5,
    Time6,
    Time7,
    Time8,
    TimeMs1,
    TimeMs2,
    TimeMs3,
    TimeMs4,
    TimeMs5,
    TimeMs6,
    TimeMs7,
    TimeMs8,
    TimeChaos,
    Reset,
    Trigger,
    Freeze,
    XyX,
    XyY,
    XyPredict,
    Loop,
    LoopBars,
    LoopPattern,
    LoopSource,
    LoopAmount,
    LoopCapture,
}

/// <summary>Per-dimension parameter ids. Dimensions are numbered 0..7 here and 1..8 for users.</summary>
public static class DimensionParameters
{
    public const int Count = 8;

    public static ParameterId Offset(int dimension) => At(ParameterId.Offset1, dimension);

    public static ParameterId Seed(int dimension) => At(ParameterId.Seed1, dimension);

    public static ParameterId Time(int dimension) => At(ParameterId.Time1, dimension);

    public static ParameterId TimeMs(int dimension) => At(ParameterId.TimeMs1, dimension);

    private static ParameterId At(ParameterId first, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(dimension, Count);
        return first + dimension;
    }
}
