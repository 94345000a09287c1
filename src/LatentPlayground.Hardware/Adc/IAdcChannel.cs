namespace LatentPlayground.Hardware.Adc;

/// <summary>
/// One analogue input as the knob code sees it: a stream of raw conversion codes, and the code that means
/// "wiper at the top of its travel". Implemented by <see cref="Mcp3008Channel"/> and by the channels of an
/// <see cref="Ads1115Scanner"/>; knob processing (<c>Knobs.Knob</c>, <c>Knobs.ExpressionPedal</c>) works on
/// any of them.
/// </summary>
public interface IAdcChannel
{
    /// <summary>The code read with the wiper at the pot's supply end (the top of the travel).</summary>
    int FullScaleCode { get; }

    /// <summary>
    /// Returns a conversion taken since the last call, or false when none is ready yet (a scanned
    /// converter may still be busy with another channel). Each conversion is returned once.
    /// Thread: the control thread (the one thread that polls the converter).
    /// </summary>
    bool TryRead(out int code);
}
