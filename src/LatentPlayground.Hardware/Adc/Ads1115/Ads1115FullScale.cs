namespace LatentPlayground.Hardware.Adc;

/// <summary>
/// The programmable gain amplifier's full-scale range: the PGA[2:0] field, bits 11:9 of the Config register
/// (TI SBAS444, section 9.6.3 "Config Register", and section 9.3.3 "Full-Scale Range (FSR) and LSB Size").
/// The value of each member is the field's code.
/// </summary>
public enum Ads1115FullScale
{
    /// <summary>±6.144 V. Inputs still may not exceed VDD + 0.3 V.</summary>
    Fsr6144 = 0,

    /// <summary>±4.096 V: with the chip and the pots on 3.3 V, the whole pot travel fits with 125 µV steps.</summary>
    Fsr4096 = 1,

    /// <summary>±2.048 V (the power-on default).</summary>
    Fsr2048 = 2,

    /// <summary>±1.024 V.</summary>
    Fsr1024 = 3,

    /// <summary>±0.512 V.</summary>
    Fsr512 = 4,

    /// <summary>±0.256 V (codes 5, 6 and 7 all mean this).</summary>
    Fsr256 = 5,
}
