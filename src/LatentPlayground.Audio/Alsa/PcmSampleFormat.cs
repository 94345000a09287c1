namespace LatentPlayground.Audio.Alsa;

/// <summary>
/// The sample formats the engine can convert to and from float, with alsa-lib's snd_pcm_format_t values
/// (include/pcm.h). All little-endian: the Pi and x86-64 are, and the HATs' drivers offer these.
/// </summary>
public enum PcmSampleFormat
{
    /// <summary>Signed 16-bit.</summary>
    S16LE = 2,

    /// <summary>Signed 24-bit in the low three bytes of a 32-bit word.</summary>
    S24LE = 6,

    /// <summary>Signed 32-bit.</summary>
    S32LE = 10,

    /// <summary>32-bit IEEE float, full scale ±1.</summary>
    FloatLE = 14,

    /// <summary>Signed 24-bit packed in three bytes.</summary>
    S24Packed3LE = 32,
}
