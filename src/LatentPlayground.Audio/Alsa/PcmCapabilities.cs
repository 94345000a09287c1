using System.Globalization;
using System.Text;

namespace LatentPlayground.Audio.Alsa;

/// <summary>
/// What a PCM accepts, from a fresh snd_pcm_hw_params_any: each range on its own, before any choice
/// narrows the others. Thread: any.
/// </summary>
public sealed record PcmCapabilities(
    bool InterleavedAccess,
    long RateMin,
    long RateMax,
    long ChannelsMin,
    long ChannelsMax,
    IReadOnlyList<PcmSampleFormat> Formats,
    long PeriodFramesMin,
    long PeriodFramesMax,
    long PeriodsMin,
    long PeriodsMax,
    long BufferFramesMin,
    long BufferFramesMax)
{
    /// <summary>"rate 8000–192000 Hz; channels 2; formats S16_LE, S32_LE; …" for error messages.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"rate {Range(RateMin, RateMax)} Hz; channels {Range(ChannelsMin, ChannelsMax)}; formats ");
        text.Append(Formats.Count == 0
            ? "none this engine converts (S16_LE, S24_LE, S24_3LE, S32_LE, FLOAT_LE)"
            : string.Join(", ", Formats.Select(f => f.AlsaName())));
        text.Append(CultureInfo.InvariantCulture, $"; period {Range(PeriodFramesMin, PeriodFramesMax)} frames; periods {Range(PeriodsMin, PeriodsMax)}; buffer {Range(BufferFramesMin, BufferFramesMax)} frames");
        if (!InterleavedAccess)
        {
            text.Append("; no interleaved read/write access");
        }

        return text.ToString();
    }

    private static string Range(long min, long max) =>
        min == max ? min.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{min}–{max}");
}
