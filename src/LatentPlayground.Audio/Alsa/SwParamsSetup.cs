using LatentPlayground.Audio.Alsa.Native;

namespace LatentPlayground.Audio.Alsa;

/// <summary>
/// Sets the software parameters the engine relies on: when the stream starts and how much must be
/// available before a blocking read or write wakes. Thread: the configuring thread.
/// </summary>
internal static unsafe class SwParamsSetup
{
    public static void Apply(SafePcmHandle pcm, string name, PcmDirection direction, PcmConfiguration configuration, PcmSettings settings)
    {
        using SafeSwParamsHandle p = SafeSwParamsHandle.Allocate();
        Check(LibAsound.snd_pcm_sw_params_current(pcm, p), "snd_pcm_sw_params_current");
        nuint boundary;
        Check(LibAsound.snd_pcm_sw_params_get_boundary(p, &boundary), "snd_pcm_sw_params_get_boundary");

        // A threshold at the boundary can never be reached, so the stream starts only when told to:
        // that is what lets a duplex stream prefill playback and then start both ends at once.
        nuint start = settings.StartThresholdFrames is long frames ? (nuint)frames : boundary;
        nuint availMin = (nuint)(settings.AvailMinFrames ?? configuration.PeriodFrames);
        Check(LibAsound.snd_pcm_sw_params_set_start_threshold(pcm, p, start), "snd_pcm_sw_params_set_start_threshold");
        Check(LibAsound.snd_pcm_sw_params_set_avail_min(pcm, p, availMin), "snd_pcm_sw_params_set_avail_min");
        Check(LibAsound.snd_pcm_sw_params(pcm, p), "snd_pcm_sw_params");

        void Check(int err, string call)
        {
            if (err < 0)
            {
                throw new AlsaException(err, $"ALSA {HwParamsNegotiation.Words(direction)} PCM '{name}': {call} failed: {AlsaError.Describe(err)}");
            }
        }
    }
}
