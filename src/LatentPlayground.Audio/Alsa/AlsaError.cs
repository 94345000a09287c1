using LatentPlayground.Audio.Alsa.Native;

namespace LatentPlayground.Audio.Alsa;

/// <summary>
/// Words for alsa-lib's negative error codes. Thread: any, but it allocates a string: never on the
/// audio thread in steady state (only on the way to an exception).
/// </summary>
public static class AlsaError
{
    /// <summary>snd_strerror's text with the code, for example "Broken pipe (-32)".</summary>
    public static unsafe string Describe(int error)
    {
        byte* text = LibAsound.snd_strerror(error);
        string words = text is null ? "unknown error" : System.Runtime.InteropServices.Marshal.PtrToStringUTF8((nint)text) ?? "unknown error";
        return $"{words} ({error})";
    }

    /// <summary>True for the codes that mean an xrun or a suspend: -EPIPE and -ESTRPIPE (snd_pcm_recover(3)).</summary>
    public static bool IsXrun(long error) => error is -Errno.EPIPE or -Errno.ESTRPIPE;
}
