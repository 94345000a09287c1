using Microsoft.Win32.SafeHandles;

namespace LatentPlayground.Audio.Alsa.Native;

/// <summary>
/// An open snd_pcm_t. Released with snd_pcm_close, which also drops a running stream and frees its
/// hardware setup (alsa-lib src/pcm/pcm.c). Thread: created and released on a non-real-time thread.
/// </summary>
internal sealed class SafePcmHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafePcmHandle()
        : base(ownsHandle: true)
    {
    }

    public SafePcmHandle(nint pcm)
        : base(ownsHandle: true)
    {
        SetHandle(pcm);
    }

    protected override bool ReleaseHandle() => LibAsound.snd_pcm_close(handle) == 0;
}
