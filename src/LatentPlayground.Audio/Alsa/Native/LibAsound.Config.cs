using System.Runtime.InteropServices;

namespace LatentPlayground.Audio.Alsa.Native;

// Configuration trees, from alsa-lib's include/conf.h and include/input.h: enough to parse a PCM
// definition held in a string and hand it to snd_pcm_open_lconf.
internal static unsafe partial class LibAsound
{
    [LibraryImport(Library)]
    public static partial int snd_config_top(nint* config);

    [LibraryImport(Library)]
    public static partial int snd_config_update_ref(nint* top);

    [LibraryImport(Library)]
    public static partial void snd_config_unref(nint top);

    [LibraryImport(Library)]
    public static partial int snd_config_copy(nint* destination, nint source);

    [LibraryImport(Library)]
    public static partial int snd_config_load(SafeConfigHandle config, nint input);

    [LibraryImport(Library)]
    public static partial int snd_config_delete(nint config);

    // snd_input_buffer_open copies the buffer (alsa-lib src/input.c), so it may be freed right after.
    [LibraryImport(Library)]
    public static partial int snd_input_buffer_open(nint* input, byte* buffer, nint size);

    [LibraryImport(Library)]
    public static partial int snd_input_close(nint input);
}
