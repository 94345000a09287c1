using Microsoft.Win32.SafeHandles;

namespace LatentPlayground.Audio.Alsa.Native;

/// <summary>
/// A snd_pcm_sw_params_t from snd_pcm_sw_params_malloc, freed with snd_pcm_sw_params_free.
/// Thread: the configuring thread only; never the audio thread.
/// </summary>
internal sealed class SafeSwParamsHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeSwParamsHandle()
        : base(ownsHandle: true)
    {
    }

    private SafeSwParamsHandle(nint parameters)
        : base(ownsHandle: true)
    {
        SetHandle(parameters);
    }

    public static unsafe SafeSwParamsHandle Allocate()
    {
        nint parameters;
        int err = LibAsound.snd_pcm_sw_params_malloc(&parameters);
        if (err < 0)
        {
            throw new AlsaException(err, $"snd_pcm_sw_params_malloc failed: {AlsaError.Describe(err)}");
        }

        return new SafeSwParamsHandle(parameters);
    }

    protected override bool ReleaseHandle()
    {
        LibAsound.snd_pcm_sw_params_free(handle);
        return true;
    }
}
