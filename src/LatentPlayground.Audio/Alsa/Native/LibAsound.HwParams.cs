using System.Runtime.InteropServices;

namespace LatentPlayground.Audio.Alsa.Native;

// Hardware parameters, from alsa-lib's include/pcm.h (PCM_HW_Params). The `dir` out-arguments say on
// which side of an integer the real value lies (-1, 0, +1); callers here only report them.
internal static unsafe partial class LibAsound
{
    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_malloc(nint* ptr);

    [LibraryImport(Library)]
    public static partial void snd_pcm_hw_params_free(nint obj);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_any(SafePcmHandle pcm, SafeHwParamsHandle parameters);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params(SafePcmHandle pcm, SafeHwParamsHandle parameters);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_test_access(SafePcmHandle pcm, SafeHwParamsHandle parameters, int access);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_set_access(SafePcmHandle pcm, SafeHwParamsHandle parameters, int access);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_test_format(SafePcmHandle pcm, SafeHwParamsHandle parameters, int format);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_set_format(SafePcmHandle pcm, SafeHwParamsHandle parameters, int format);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_get_format(SafeHwParamsHandle parameters, int* format);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_get_channels_min(SafeHwParamsHandle parameters, uint* value);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_get_channels_max(SafeHwParamsHandle parameters, uint* value);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_set_channels(SafePcmHandle pcm, SafeHwParamsHandle parameters, uint value);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_get_channels(SafeHwParamsHandle parameters, uint* value);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_get_rate_min(SafeHwParamsHandle parameters, uint* value, int* dir);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_get_rate_max(SafeHwParamsHandle parameters, uint* value, int* dir);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_set_rate(SafePcmHandle pcm, SafeHwParamsHandle parameters, uint value, int dir);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_set_rate_near(SafePcmHandle pcm, SafeHwParamsHandle parameters, uint* value, int* dir);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_get_rate(SafeHwParamsHandle parameters, uint* value, int* dir);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_get_period_size_min(SafeHwParamsHandle parameters, nuint* frames, int* dir);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_get_period_size_max(SafeHwParamsHandle parameters, nuint* frames, int* dir);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_set_period_size_near(SafePcmHandle pcm, SafeHwParamsHandle parameters, nuint* frames, int* dir);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_get_period_size(SafeHwParamsHandle parameters, nuint* frames, int* dir);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_get_periods_min(SafeHwParamsHandle parameters, uint* value, int* dir);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_get_periods_max(SafeHwParamsHandle parameters, uint* value, int* dir);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_set_periods_near(SafePcmHandle pcm, SafeHwParamsHandle parameters, uint* value, int* dir);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_get_periods(SafeHwParamsHandle parameters, uint* value, int* dir);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_get_buffer_size_min(SafeHwParamsHandle parameters, nuint* frames);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_get_buffer_size_max(SafeHwParamsHandle parameters, nuint* frames);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_get_buffer_size(SafeHwParamsHandle parameters, nuint* frames);
}
