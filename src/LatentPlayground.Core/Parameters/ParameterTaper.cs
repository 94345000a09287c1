namespace LatentPlayground.Core.Parameters;

/// <summary>How a knob or MIDI CC position (0..1) maps onto a parameter's range.</summary>
public enum ParameterTaper
{
    /// <summary>Equal knob travel, equal change.</summary>
    Linear,

    /// <summary>Equal knob travel, equal ratio: for rates and times, which players hear logarithmically.</summary>
    Logarithmic,
}
