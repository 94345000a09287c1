namespace LatentPlayground.Hardware.Adc;

/// <summary>
/// The four registers, selected by P[1:0] of the Address Pointer register
/// (TI SBAS444, section 9.6.1 "Address Pointer Register"). The value of each member is its pointer code.
/// </summary>
public enum Ads1115Register
{
    /// <summary>The last conversion, 16-bit two's complement, read-only (section 9.6.2).</summary>
    Conversion = 0,

    /// <summary>Operating mode, input multiplexer, gain, data rate and comparator (section 9.6.3).</summary>
    Config = 1,

    /// <summary>Comparator low threshold (section 9.6.4).</summary>
    LoThresh = 2,

    /// <summary>Comparator high threshold (section 9.6.4).</summary>
    HiThresh = 3,
}
