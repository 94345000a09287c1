using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LatentPlayground.Audio.Alsa.Native;

internal static unsafe partial class LibAsound
{
    /// <summary>snd_lib_error_set_handler (alsa-lib error.h): NULL restores the default, which prints to stderr.</summary>
    [LibraryImport(Library)]
    public static partial int snd_lib_error_set_handler(delegate* unmanaged[Cdecl]<nint, int, nint, int, nint, void> handler);
}

/// <summary>
/// alsa-lib prints its own "ALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM x" lines to stderr before it
/// returns the error, which the pedal then reports in one line of its own; a user would read both. This installs a
/// handler that drops alsa-lib's lines. Thread: any non-real-time thread, before the first open.
/// </summary>
internal static unsafe class AlsaErrorSilence
{
    private static int _installed;

    public static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 0)
        {
            _ = LibAsound.snd_lib_error_set_handler(&Drop);
        }
    }

    // The C handler is variadic (file, line, function, err, fmt, ...); on the System V x86-64 and AAPCS64 Linux ABIs
    // a callee that declares only the fixed arguments and reads none of the rest is called correctly.
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Drop(nint file, int line, nint function, int err, nint format)
    {
    }
}
