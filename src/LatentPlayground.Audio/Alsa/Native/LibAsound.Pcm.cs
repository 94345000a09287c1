using System.Runtime.InteropServices;

namespace LatentPlayground.Audio.Alsa.Native;

// PCM life cycle and transfer, from alsa-lib's include/pcm.h. Error results are negative errno values.
internal static unsafe partial class LibAsound
{
    // snd_pcm_stream_t
    public const int StreamPlayback = 0;
    public const int StreamCapture = 1;

    // snd_pcm_access_t: SND_PCM_ACCESS_RW_INTERLEAVED
    public const int AccessRwInterleaved = 3;

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int snd_pcm_open(nint* pcm, string name, int stream, int mode);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int snd_pcm_open_lconf(nint* pcm, string name, int stream, int mode, SafeConfigHandle lconf);

    [LibraryImport(Library)]
    public static partial int snd_pcm_close(nint pcm);

    [LibraryImport(Library)]
    public static partial int snd_pcm_state(SafePcmHandle pcm);

    [LibraryImport(Library)]
    public static partial int snd_pcm_prepare(SafePcmHandle pcm);

    [LibraryImport(Library)]
    public static partial int snd_pcm_start(SafePcmHandle pcm);

    [LibraryImport(Library)]
    public static partial int snd_pcm_drop(SafePcmHandle pcm);

    [LibraryImport(Library)]
    public static partial int snd_pcm_drain(SafePcmHandle pcm);

    [LibraryImport(Library)]
    public static partial int snd_pcm_link(SafePcmHandle pcm1, SafePcmHandle pcm2);

    [LibraryImport(Library)]
    public static partial int snd_pcm_unlink(SafePcmHandle pcm);

    [LibraryImport(Library)]
    public static partial nint snd_pcm_readi(SafePcmHandle pcm, void* buffer, nuint size);

    [LibraryImport(Library)]
    public static partial nint snd_pcm_writei(SafePcmHandle pcm, void* buffer, nuint size);

    [LibraryImport(Library)]
    public static partial int snd_pcm_recover(SafePcmHandle pcm, int err, int silent);

    [LibraryImport(Library)]
    public static partial int snd_pcm_delay(SafePcmHandle pcm, nint* delay);

    // Returns a pointer to a static string owned by alsa-lib: it must not be freed, so it is not
    // marshalled as a string (the generated marshaller would free it).
    [LibraryImport(Library)]
    public static partial byte* snd_strerror(int errnum);
}
