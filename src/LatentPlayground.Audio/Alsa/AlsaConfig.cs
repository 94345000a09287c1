using System.Text;
using LatentPlayground.Audio.Alsa.Native;

namespace LatentPlayground.Audio.Alsa;

/// <summary>
/// An ALSA configuration tree built from text, for <see cref="AlsaPcm.Open(string, PcmDirection, AlsaConfig)"/>
/// (snd_pcm_open_lconf). It lets a test or a config file define PCMs such as
/// <c>pcm.cap { type file slave.pcm null file "/dev/null" infile "/tmp/in.raw" format raw }</c>
/// without touching ~/.asoundrc. Thread: any non-real-time thread.
/// </summary>
public sealed class AlsaConfig : IDisposable
{
    private AlsaConfig(SafeConfigHandle handle)
    {
        Handle = handle;
    }

    internal SafeConfigHandle Handle { get; }

    /// <summary>
    /// Parses <paramref name="text"/> in alsa.conf(5) syntax. With <paramref name="overSystemConfig"/> the
    /// text is loaded on top of a private copy of the system tree (alsa.conf and whatever ALSA_CONFIG_PATH
    /// names), so it can refer to the PCMs defined there, such as <c>null</c> or <c>hw</c>; without it, the
    /// tree holds only the text, and plugins must be spelled out inline (<c>slave.pcm { type null }</c>).
    /// </summary>
    public static unsafe AlsaConfig Parse(string text, bool overSystemConfig = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        nint tree;
        int err;
        if (overSystemConfig)
        {
            // snd_config_update_ref hands out the global tree with its reference count raised; a copy is
            // loaded into instead, so the text never leaks into other users of the global tree.
            nint global;
            err = LibAsound.snd_config_update_ref(&global);
            if (err < 0)
            {
                throw new AlsaException(err, $"the system ALSA configuration could not be loaded: {AlsaError.Describe(err)}");
            }

            try
            {
                err = LibAsound.snd_config_copy(&tree, global);
            }
            finally
            {
                LibAsound.snd_config_unref(global);
            }
        }
        else
        {
            err = LibAsound.snd_config_top(&tree);
        }

        if (err < 0)
        {
            throw new AlsaException(err, $"an ALSA configuration tree could not be made: {AlsaError.Describe(err)}");
        }

        var handle = new SafeConfigHandle(tree);
        try
        {
            Load(handle, text);
            return new AlsaConfig(handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public void Dispose() => Handle.Dispose();

    private static unsafe void Load(SafeConfigHandle tree, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        nint input;
        int err;
        fixed (byte* start = bytes)
        {
            err = LibAsound.snd_input_buffer_open(&input, start, bytes.Length);
        }

        if (err < 0)
        {
            throw new AlsaException(err, $"snd_input_buffer_open failed: {AlsaError.Describe(err)}");
        }

        try
        {
            err = LibAsound.snd_config_load(tree, input);
        }
        finally
        {
            _ = LibAsound.snd_input_close(input);
        }

        if (err < 0)
        {
            // alsa-lib has already printed the line and column to stderr (SNDERR in src/conf.c).
            throw new AlsaException(err, $"the ALSA configuration text does not parse: {AlsaError.Describe(err)}");
        }
    }
}
