using LatentPlayground.Audio.Alsa.Native;

namespace LatentPlayground.Audio.Alsa;

/// <summary>
/// One open ALSA PCM, in blocking mode, with interleaved read/write access.
/// Thread: open, configure, link and dispose on a non-real-time thread; the transfer and state calls
/// (<see cref="Read"/>, <see cref="Write"/>, <see cref="Recover"/>, <see cref="Prepare"/>, <see cref="Start"/>,
/// <see cref="Drop"/>) on the one thread that streams, usually the audio thread. alsa-lib serialises
/// calls on one handle, but two threads streaming one PCM would still interleave their periods.
/// </summary>
public sealed class AlsaPcm : IDisposable
{
    private readonly SafePcmHandle _handle;

    private AlsaPcm(SafePcmHandle handle, string name, PcmDirection direction)
    {
        _handle = handle;
        Name = name;
        Direction = direction;
    }

    public string Name { get; }

    public PcmDirection Direction { get; }

    /// <summary>Null until <see cref="Configure"/> has succeeded.</summary>
    public PcmConfiguration? Configuration { get; private set; }

    /// <summary>snd_pcm_state. Thread: any.</summary>
    public PcmState State => (PcmState)LibAsound.snd_pcm_state(_handle);

    internal SafePcmHandle Handle => _handle;

    /// <summary>Opens a PCM by name from the system configuration (snd_pcm_open), as aplay -D does.
    /// Thread: non-real-time.</summary>
    public static unsafe AlsaPcm Open(string name, PcmDirection direction)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        AlsaErrorSilence.Install();
        nint pcm = 0;
        int err = LibAsound.snd_pcm_open(&pcm, name, (int)direction, 0);
        return Opened(pcm, err, name, direction, where: "the system ALSA configuration (aplay -L lists its PCMs)");
    }

    /// <summary>Opens a PCM by name from <paramref name="config"/> only (snd_pcm_open_lconf). The config may be
    /// disposed afterwards: alsa-lib reads it while opening and keeps none of it (snd_pcm_open itself drops
    /// its reference to the global tree right after opening). Thread: non-real-time.</summary>
    public static unsafe AlsaPcm Open(string name, PcmDirection direction, AlsaConfig config)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(config);
        AlsaErrorSilence.Install();
        nint pcm = 0;
        int err = LibAsound.snd_pcm_open_lconf(&pcm, name, (int)direction, 0, config.Handle);
        return Opened(pcm, err, name, direction, where: "the given ALSA configuration");
    }

    /// <summary>Every range the PCM accepts, before any choice. Thread: non-real-time.</summary>
    public PcmCapabilities QueryCapabilities() => HwParamsNegotiation.Query(_handle);

    /// <summary>
    /// Sets hardware then software parameters. The PCM is left PREPARED (snd_pcm_hw_params prepares it).
    /// A refusal throws one <see cref="AlsaException"/> naming it and listing what the PCM accepts.
    /// Thread: non-real-time.
    /// </summary>
    public PcmConfiguration Configure(PcmSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        PcmConfiguration configuration = HwParamsNegotiation.Apply(_handle, Name, Direction, settings);
        SwParamsSetup.Apply(_handle, Name, Direction, configuration, settings);
        Configuration = configuration;
        return configuration;
    }

    /// <summary>
    /// snd_pcm_link: this PCM and <paramref name="other"/> then start, stop and prepare together. Returns
    /// false with alsa-lib's error where they cannot be linked: plugins without a link operation answer
    /// -ENOSYS (the file and null plugins do), and PCMs on unrelated clocks may refuse. Thread: non-real-time.
    /// </summary>
    public bool TryLink(AlsaPcm other, out int error)
    {
        ArgumentNullException.ThrowIfNull(other);
        error = LibAsound.snd_pcm_link(_handle, other._handle);
        return error >= 0;
    }


    /// <summary>snd_pcm_prepare: ready to start, pointers at zero. Thread: the streaming thread.</summary>
    public void Prepare() => Throw(LibAsound.snd_pcm_prepare(_handle), "snd_pcm_prepare");

    /// <summary>snd_pcm_start; on a linked PCM it starts the whole group. Thread: the streaming thread.</summary>
    public void Start() => Throw(LibAsound.snd_pcm_start(_handle), "snd_pcm_start");

    /// <summary>snd_pcm_drop: stops at once, pending frames discarded. Thread: the streaming thread.</summary>
    public void Drop() => Throw(LibAsound.snd_pcm_drop(_handle), "snd_pcm_drop");

    /// <summary>snd_pcm_drain: playback stops after the queued frames are played. Blocks. Thread: the streaming thread.</summary>
    public void Drain() => Throw(LibAsound.snd_pcm_drain(_handle), "snd_pcm_drain");

    /// <summary>
    /// snd_pcm_readi into <paramref name="interleaved"/>, whose length must be whole frames. In blocking
    /// mode it returns once every frame is read, or early on an error or a signal. Returns the frames read, or alsa-lib's negative error
    /// (-EPIPE overrun, -ESTRPIPE suspended, -EINTR interrupted): nothing here throws or allocates.
    /// Thread: the streaming (audio) thread.
    /// </summary>
    public unsafe long Read(Span<byte> interleaved)
    {
        nuint frames = (nuint)(interleaved.Length / BytesPerFrame());
        fixed (byte* buffer = interleaved)
        {
            return LibAsound.snd_pcm_readi(_handle, buffer, frames);
        }
    }

    /// <summary>
    /// snd_pcm_writei from <paramref name="interleaved"/>, blocking while the buffer is full. Returns the frames written, or alsa-lib's
    /// negative error (-EPIPE underrun, -ESTRPIPE suspended, -EINTR). Thread: the streaming (audio) thread.
    /// </summary>
    public unsafe long Write(ReadOnlySpan<byte> interleaved)
    {
        nuint frames = (nuint)(interleaved.Length / BytesPerFrame());
        fixed (byte* buffer = interleaved)
        {
            return LibAsound.snd_pcm_writei(_handle, buffer, frames);
        }
    }

    /// <summary>
    /// snd_pcm_recover(3) for an error a transfer returned: -EPIPE prepares the PCM again, -ESTRPIPE waits
    /// for the device to resume (sleeping a second at a time) or prepares it, -EINTR does nothing. Returns 0
    /// or the error it could not recover from. Thread: the streaming thread.
    /// </summary>
    public int Recover(int error, bool silent = true) => LibAsound.snd_pcm_recover(_handle, error, silent ? 1 : 0);

    /// <summary>
    /// snd_pcm_delay(3): for playback, frames between now and when a frame written now is heard; for capture,
    /// frames between when a frame was sampled and when it can be read. Plugins without a clock (null)
    /// answer 0. Returns 0 or a negative error. Thread: the streaming thread.
    /// </summary>
    public unsafe int GetDelay(out long frames)
    {
        nint delay = 0;
        int err = LibAsound.snd_pcm_delay(_handle, &delay);
        frames = delay;
        return err;
    }

    /// <summary>snd_pcm_close (which drops a running stream first). Thread: non-real-time.</summary>
    public void Dispose() => _handle.Dispose();

    private static AlsaPcm Opened(nint pcm, int err, string name, PcmDirection direction, string where)
    {
        if (err < 0)
        {
            string hint = err == -Errno.ENOENT ? $" Either no PCM of that name is defined in {where}, or a device or file it names does not exist." : string.Empty;
            hint += err == -Errno.EBUSY ? " Another program holds the device." : string.Empty;
            throw new AlsaException(err, $"ALSA {HwParamsNegotiation.Words(direction)} PCM '{name}' could not be opened: {AlsaError.Describe(err)}.{hint}");
        }

        return new AlsaPcm(new SafePcmHandle(pcm), name, direction);
    }

    private int BytesPerFrame() =>
        Configuration?.BytesPerFrame ?? throw new InvalidOperationException($"PCM '{Name}' is not configured");

    private void Throw(int err, string call)
    {
        if (err < 0)
        {
            throw new AlsaException(err, $"ALSA {HwParamsNegotiation.Words(Direction)} PCM '{Name}': {call} failed: {AlsaError.Describe(err)}");
        }
    }
}
