namespace LatentPlayground.Hardware.Adc;

/// <summary>
/// One single-ended MCP3008 input as an <see cref="IAdcChannel"/>: every <see cref="TryRead"/> is a fresh
/// conversion (one 3-byte SPI transfer, about 30 µs at 1 MHz), so it never reports "not ready".
/// Thread: the control thread only.
/// </summary>
public sealed class Mcp3008Channel : IAdcChannel
{
    private readonly Mcp3008 _adc;

    /// <summary>
    /// Input CH<paramref name="channel"/> of <paramref name="adc"/>. The pots sit across
    /// <paramref name="potSupplyVolts"/> and the part's reference is <paramref name="vrefVolts"/>
    /// (both 3.3 V on the pedal, so the top of the travel reads 1023).
    ///  Thread: any.</summary>
    public Mcp3008Channel(Mcp3008 adc, int channel, double potSupplyVolts = 3.3, double vrefVolts = 3.3)
    {
        ArgumentNullException.ThrowIfNull(adc);
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, Mcp3008.ChannelCount);
        if (!(potSupplyVolts > 0) || !(vrefVolts > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(potSupplyVolts), "voltages must be positive");
        }

        _adc = adc;
        Channel = channel;
        FullScaleCode = (int)Math.Min(Mcp3008.MaxCode, Math.Round(1024 * potSupplyVolts / vrefVolts));
    }

    /// <summary>The input number, CH0 to CH7.</summary>
    public int Channel { get; }

    /// <inheritdoc/>
    public int FullScaleCode { get; }

    /// <summary>Converts the input now; always true. Thread: control.</summary>
    public bool TryRead(out int code)
    {
        code = _adc.Read(Channel);
        return true;
    }
}
