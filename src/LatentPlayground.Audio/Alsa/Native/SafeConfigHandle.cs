using Microsoft.Win32.SafeHandles;

namespace LatentPlayground.Audio.Alsa.Native;

/// <summary>
/// A configuration tree this process owns (from snd_config_top or snd_config_copy), deleted with
/// snd_config_delete. Never wraps the global tree from snd_config_update_ref, which is only borrowed.
/// Thread: any non-real-time thread.
/// </summary>
internal sealed class SafeConfigHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeConfigHandle()
        : base(ownsHandle: true)
    {
    }

    public SafeConfigHandle(nint config)
        : base(ownsHandle: true)
    {
        SetHandle(config);
    }

    protected override bool ReleaseHandle() => LibAsound.snd_config_delete(handle) == 0;
}
