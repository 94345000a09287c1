namespace LatentPlayground.Hardware.Adc;

/// <summary>
/// Conversions per second: the DR[2:0] field, bits 7:5 of the Config register (TI SBAS444, section 9.6.3).
/// The value of each member is the field's code.
/// </summary>
public enum Ads1115DataRate
{
    /// <summary>8 samples per second.</summary>
    Sps8 = 0,

    /// <summary>16 samples per second.</summary>
    Sps16 = 1,

    /// <summary>32 samples per second.</summary>
    Sps32 = 2,

    /// <summary>64 samples per second.</summary>
    Sps64 = 3,

    /// <summary>128 samples per second (the power-on default).</summary>
    Sps128 = 4,

    /// <summary>250 samples per second.</summary>
    Sps250 = 5,

    /// <summary>475 samples per second.</summary>
    Sps475 = 6,

    /// <summary>860 samples per second: the pedal's choice, about 1.2 ms a conversion.</summary>
    Sps860 = 7,
}
