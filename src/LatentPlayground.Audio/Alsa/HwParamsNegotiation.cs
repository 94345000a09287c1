using System.Globalization;
using LatentPlayground.Audio.Alsa.Native;

namespace LatentPlayground.Audio.Alsa;

/// <summary>
/// Sets a PCM's hardware parameters in the order snd_pcm_hw_params(3) examples use (access, format,
/// channels, rate, period size, periods) and reads back what the device settled on. The first refusal
/// becomes one message that names it and lists everything the device accepts.
/// Thread: the configuring thread; allocates.
/// </summary>
internal static unsafe class HwParamsNegotiation
{
    public static PcmCapabilities Query(SafePcmHandle pcm)
    {
        using SafeHwParamsHandle p = SafeHwParamsHandle.Allocate();
        Check(LibAsound.snd_pcm_hw_params_any(pcm, p), "snd_pcm_hw_params_any");
        uint rateMin, rateMax, channelsMin, channelsMax, periodsMin, periodsMax;
        nuint periodMin, periodMax, bufferMin, bufferMax;
        int dir;
        Check(LibAsound.snd_pcm_hw_params_get_rate_min(p, &rateMin, &dir), "snd_pcm_hw_params_get_rate_min");
        Check(LibAsound.snd_pcm_hw_params_get_rate_max(p, &rateMax, &dir), "snd_pcm_hw_params_get_rate_max");
        Check(LibAsound.snd_pcm_hw_params_get_channels_min(p, &channelsMin), "snd_pcm_hw_params_get_channels_min");
        Check(LibAsound.snd_pcm_hw_params_get_channels_max(p, &channelsMax), "snd_pcm_hw_params_get_channels_max");
        Check(LibAsound.snd_pcm_hw_params_get_period_size_min(p, &periodMin, &dir), "snd_pcm_hw_params_get_period_size_min");
        Check(LibAsound.snd_pcm_hw_params_get_period_size_max(p, &periodMax, &dir), "snd_pcm_hw_params_get_period_size_max");
        Check(LibAsound.snd_pcm_hw_params_get_periods_min(p, &periodsMin, &dir), "snd_pcm_hw_params_get_periods_min");
        Check(LibAsound.snd_pcm_hw_params_get_periods_max(p, &periodsMax, &dir), "snd_pcm_hw_params_get_periods_max");
        Check(LibAsound.snd_pcm_hw_params_get_buffer_size_min(p, &bufferMin), "snd_pcm_hw_params_get_buffer_size_min");
        Check(LibAsound.snd_pcm_hw_params_get_buffer_size_max(p, &bufferMax), "snd_pcm_hw_params_get_buffer_size_max");

        // test_format only tests; it leaves the configuration space as it was (pcm.h, PCM_HW_Params).
        var formats = new List<PcmSampleFormat>();
        foreach (PcmSampleFormat format in PcmSampleFormats.All)
        {
            if (LibAsound.snd_pcm_hw_params_test_format(pcm, p, (int)format) == 0)
            {
                formats.Add(format);
            }
        }

        bool interleaved = LibAsound.snd_pcm_hw_params_test_access(pcm, p, LibAsound.AccessRwInterleaved) == 0;
        return new PcmCapabilities(
            interleaved, rateMin, rateMax, channelsMin, channelsMax, formats,
            Clamp(periodMin), Clamp(periodMax), periodsMin, periodsMax, Clamp(bufferMin), Clamp(bufferMax));
    }

    public static PcmConfiguration Apply(SafePcmHandle pcm, string name, PcmDirection direction, PcmSettings settings)
    {
        using SafeHwParamsHandle p = SafeHwParamsHandle.Allocate();
        Check(LibAsound.snd_pcm_hw_params_any(pcm, p), "snd_pcm_hw_params_any");

        Refuse(LibAsound.snd_pcm_hw_params_set_access(pcm, p, LibAsound.AccessRwInterleaved), "interleaved read/write access");

        PcmSampleFormat? chosen = null;
        foreach (PcmSampleFormat format in settings.Formats)
        {
            if (LibAsound.snd_pcm_hw_params_test_format(pcm, p, (int)format) == 0)
            {
                chosen = format;
                break;
            }
        }

        string wanted = string.Join(", ", settings.Formats.Select(f => f.AlsaName()));
        if (chosen is null)
        {
            Refuse(-Errno.EINVAL, settings.Formats.Count == 1 ? $"format {wanted}" : $"every one of the formats {wanted}");
        }

        Refuse(LibAsound.snd_pcm_hw_params_set_format(pcm, p, (int)chosen!.Value), $"format {chosen.Value.AlsaName()}");
        Refuse(LibAsound.snd_pcm_hw_params_set_channels(pcm, p, (uint)settings.Channels), $"{settings.Channels} channels");

        uint rate = (uint)settings.SampleRate;
        int dir = 0;
        if (settings.RequireExactRate)
        {
            Refuse(LibAsound.snd_pcm_hw_params_set_rate(pcm, p, rate, 0), $"a rate of exactly {settings.SampleRate} Hz");
        }
        else
        {
            Refuse(LibAsound.snd_pcm_hw_params_set_rate_near(pcm, p, &rate, &dir), $"a rate near {settings.SampleRate} Hz");
        }

        nuint period = (nuint)settings.PeriodFrames;
        dir = 0;
        Refuse(LibAsound.snd_pcm_hw_params_set_period_size_near(pcm, p, &period, &dir), $"a period near {settings.PeriodFrames} frames");
        uint periods = (uint)settings.Periods;
        dir = 0;
        Refuse(LibAsound.snd_pcm_hw_params_set_periods_near(pcm, p, &periods, &dir), $"{settings.Periods} periods of {period} frames");
        Refuse(LibAsound.snd_pcm_hw_params(pcm, p), string.Create(CultureInfo.InvariantCulture, $"{rate} Hz, {settings.Channels} ch, {chosen.Value.AlsaName()}, {period} frames x {periods} periods together"));

        // After snd_pcm_hw_params the space holds the one configuration installed; read it back as it is.
        uint gotRate, gotChannels, gotPeriods;
        nuint gotPeriod, gotBuffer;
        int gotFormat;
        Check(LibAsound.snd_pcm_hw_params_get_rate(p, &gotRate, &dir), "snd_pcm_hw_params_get_rate");
        Check(LibAsound.snd_pcm_hw_params_get_channels(p, &gotChannels), "snd_pcm_hw_params_get_channels");
        Check(LibAsound.snd_pcm_hw_params_get_format(p, &gotFormat), "snd_pcm_hw_params_get_format");
        Check(LibAsound.snd_pcm_hw_params_get_period_size(p, &gotPeriod, &dir), "snd_pcm_hw_params_get_period_size");
        Check(LibAsound.snd_pcm_hw_params_get_periods(p, &gotPeriods, &dir), "snd_pcm_hw_params_get_periods");
        Check(LibAsound.snd_pcm_hw_params_get_buffer_size(p, &gotBuffer), "snd_pcm_hw_params_get_buffer_size");
        return new PcmConfiguration(
            name, direction, (int)gotRate, (int)gotChannels, (PcmSampleFormat)gotFormat, (int)gotPeriod, (int)gotPeriods, (int)gotBuffer);

        void Refuse(int err, string what)
        {
            if (err >= 0)
            {
                return;
            }

            string accepts;
            try
            {
                accepts = Query(pcm).Describe();
            }
            catch (AlsaException e)
            {
                accepts = $"(its ranges could not be read: {e.Message})";
            }

            throw new AlsaException(err, $"ALSA {Words(direction)} PCM '{name}' refuses {what}: {AlsaError.Describe(err)}. It accepts: {accepts}.");
        }
    }

    internal static string Words(PcmDirection direction) => direction == PcmDirection.Capture ? "capture" : "playback";

    private static void Check(int err, string call)
    {
        if (err < 0)
        {
            throw new AlsaException(err, $"{call} failed: {AlsaError.Describe(err)}");
        }
    }

    private static long Clamp(nuint frames) => frames > long.MaxValue ? long.MaxValue : (long)frames;
}
