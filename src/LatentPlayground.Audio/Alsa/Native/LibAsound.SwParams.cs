using System.Runtime.InteropServices;

namespace LatentPlayground.Audio.Alsa.Native;

// Software parameters, from alsa-lib's include/pcm.h (PCM_SW_Params).
internal static unsafe partial class LibAsound
{
    [LibraryImport(Library)]
    public static partial int snd_pcm_sw_params_malloc(nint* ptr);

    [LibraryImport(Library)]
    public static partial void snd_pcm_sw_params_free(nint obj);

    [LibraryImport(Library)]
    public static partial int snd_pcm_sw_params_current(SafePcmHandle pcm, SafeSwParamsHandle parameters);

    [LibraryImport(Library)]
    public static partial int snd_pcm_sw_params(SafePcmHandle pcm, SafeSwParamsHandle parameters);

    [LibraryImport(Library)]
    public static partial int snd_pcm_sw_params_get_boundary(SafeSwParamsHandle parameters, nuint* value);

    [LibraryImport(Library)]
    public static partial int snd_pcm_sw_params_set_start_threshold(SafePcmHandle pcm, SafeSwParamsHandle parameters, nuint value);

    [LibraryImport(Library)]
    public static partial int snd_pcm_sw_params_set_avail_min(SafePcmHandle pcm, SafeSwParamsHandle parameters, nuint value);
}
