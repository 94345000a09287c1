namespace LatentPlayground.Audio.Alsa;

/// <summary>Facts about <see cref="PcmSampleFormat"/>. Thread: any; allocation-free.</summary>
public static class PcmSampleFormats
{
    /// <summary>The order in which a device's formats are tried when none is asked for: the widest
    /// integer formats first, because a HAT's converters are integer and float costs nothing extra here.</summary>
    public static IReadOnlyList<PcmSampleFormat> DefaultPreference { get; } =
    [
        PcmSampleFormat.S32LE,
        PcmSampleFormat.S24LE,
        PcmSampleFormat.S24Packed3LE,
        PcmSampleFormat.FloatLE,
        PcmSampleFormat.S16LE,
    ];

    /// <summary>Every format this code converts, in enum order.</summary>
    public static IReadOnlyList<PcmSampleFormat> All { get; } =
    [
        PcmSampleFormat.S16LE,
        PcmSampleFormat.S24LE,
        PcmSampleFormat.S32LE,
        PcmSampleFormat.FloatLE,
        PcmSampleFormat.S24Packed3LE,
    ];

    /// <summary>Bytes one sample of one channel takes in an interleaved buffer.</summary>
    public static int BytesPerSample(this PcmSampleFormat format) => format switch
    {
        PcmSampleFormat.S16LE => 2,
        PcmSampleFormat.S24Packed3LE => 3,
        PcmSampleFormat.S24LE or PcmSampleFormat.S32LE or PcmSampleFormat.FloatLE => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a format this code converts"),
    };

    /// <summary>The name alsa-lib and aplay use (snd_pcm_format_name), for messages and configs.</summary>
    public static string AlsaName(this PcmSampleFormat format) => format switch
    {
        PcmSampleFormat.S16LE => "S16_LE",
        PcmSampleFormat.S24LE => "S24_LE",
        PcmSampleFormat.S32LE => "S32_LE",
        PcmSampleFormat.FloatLE => "FLOAT_LE",
        PcmSampleFormat.S24Packed3LE => "S24_3LE",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a format this code converts"),
    };

    /// <summary>Parses an alsa-lib format name such as "S24_3LE" (case-insensitive).</summary>
    public static bool TryParse(string? name, out PcmSampleFormat format)
    {
        foreach (PcmSampleFormat candidate in All)
        {
            if (string.Equals(candidate.AlsaName(), name, StringComparison.OrdinalIgnoreCase))
            {
                format = candidate;
                return true;
            }
        }

        format = default;
        return false;
    }
}
