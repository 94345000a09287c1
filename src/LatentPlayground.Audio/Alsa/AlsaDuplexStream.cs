using System.Globalization;
using LatentPlayground.Audio.Alsa.Native;

namespace LatentPlayground.Audio.Alsa;

/// <summary>
/// A capture PCM and a playback PCM run as one full-duplex stream at the same rate, channel count, period
/// and period count. Playback is prefilled with a whole buffer of silence, then both are started together
/// (through snd_pcm_link where the PCMs allow it), so every captured period written back is heard exactly
/// <see cref="CaptureToPlaybackFrames"/> frames after it came in. After an xrun both ends are recovered,
/// prefilled and restarted the same way, so that distance never changes; the xruns are counted.
/// </summary>
/// <remarks>
/// Thread: <see cref="Open(string, string, PcmSettings, AlsaConfig?)"/> on any non-real-time thread; after
/// that, <see cref="Start"/>, <see cref="ReadPeriod"/>, <see cref="WritePeriod"/>, <see cref="Recover"/> and
/// <see cref="Stop"/> on the audio thread only, strictly alternating ReadPeriod and WritePeriod;
/// <see cref="XrunCount"/> and the configuration properties from any thread; <see cref="Dispose"/> once
/// the audio thread has stopped.
/// </remarks>
public sealed class AlsaDuplexStream : IDisposable
{
    private readonly AlsaPcm _capture;
    private readonly AlsaPcm _playback;

    // On the pinned heap: the GC never moves them while alsa-lib holds a pointer into them, and pinning
    // them for a transfer costs nothing.
    private readonly byte[] _captureBytes;
    private readonly byte[] _playbackBytes;
    private readonly byte[] _silence;
    private long _xruns;
    private bool _running;
    private bool _disposed;

    private AlsaDuplexStream(AlsaPcm capture, AlsaPcm playback, bool linked, int linkError)
    {
        _capture = capture;
        _playback = playback;
        Capture = capture.Configuration!;
        Playback = playback.Configuration!;
        IsLinked = linked;
        LinkError = linkError;
        _captureBytes = GC.AllocateArray<byte>(PeriodFrames * Capture.BytesPerFrame, pinned: true);
        _playbackBytes = GC.AllocateArray<byte>(PeriodFrames * Playback.BytesPerFrame, pinned: true);
        _silence = GC.AllocateArray<byte>(PeriodFrames * Playback.BytesPerFrame, pinned: true);
    }

    public PcmConfiguration Capture { get; }

    public PcmConfiguration Playback { get; }

    public int SampleRate => Capture.SampleRate;

    public int Channels => Capture.Channels;

    public int PeriodFrames => Capture.PeriodFrames;

    public int Periods => Capture.Periods;

    /// <summary>Floats in one interleaved period: what <see cref="ReadPeriod"/> fills and <see cref="WritePeriod"/> takes.</summary>
    public int SamplesPerPeriod => PeriodFrames * Channels;

    /// <summary>True when snd_pcm_link joined the two PCMs; otherwise they are started one right after the other.</summary>
    public bool IsLinked { get; }

    /// <summary>snd_pcm_link's answer when it refused (for example -ENOSYS from the file and null plugins), else 0.</summary>
    public int LinkError { get; }

    /// <summary>
    /// Frames between a frame read and the same frame written back, counting only this stream's buffering:
    /// the playback buffer, prefilled to <see cref="Periods"/> × <see cref="PeriodFrames"/>. Converter and
    /// driver delays come on top (<see cref="AlsaPcm.GetDelay"/>).
    /// </summary>
    public int CaptureToPlaybackFrames => Playback.BufferFrames;

    /// <summary>Xruns (and suspends) recovered since open. Thread: any.</summary>
    public long XrunCount => Interlocked.Read(ref _xruns);

    /// <summary>
    /// Opens and configures both PCMs (from <paramref name="config"/> when given, else the system
    /// configuration) and links them. Throws <see cref="AlsaException"/> with one clear message when a PCM
    /// is missing, refuses the settings, or the two ends settle on different settings. Thread: non-real-time.
    /// </summary>
    public static AlsaDuplexStream Open(string captureName, string playbackName, PcmSettings settings, AlsaConfig? config = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        AlsaPcm? capture = null;
        AlsaPcm? playback = null;
        try
        {
            capture = config is null ? AlsaPcm.Open(captureName, PcmDirection.Capture) : AlsaPcm.Open(captureName, PcmDirection.Capture, config);
            playback = config is null ? AlsaPcm.Open(playbackName, PcmDirection.Playback) : AlsaPcm.Open(playbackName, PcmDirection.Playback, config);
            PcmConfiguration c = capture.Configure(settings);
            PcmConfiguration p = playback.Configure(settings);
            if (c.SampleRate != p.SampleRate || c.Channels != p.Channels || c.PeriodFrames != p.PeriodFrames || c.Periods != p.Periods)
            {
                throw new AlsaException(0, string.Create(
                    CultureInfo.InvariantCulture,
                    $"capture and playback settled on different settings, so they cannot run as one stream: {c}; {p}. Choose a rate, period and period count both accept."));
            }

            bool linked = capture.TryLink(playback, out int linkError);
            var stream = new AlsaDuplexStream(capture, playback, linked, linked ? 0 : linkError);
            return stream;
        }
        catch
        {
            playback?.Dispose();
            capture?.Dispose();
            throw;
        }
    }

    /// <summary>Prefills playback with silence and starts both ends. Thread: audio.</summary>
    public void Start()
    {
        if (_running)
        {
            throw new InvalidOperationException("the duplex stream is already running");
        }

        // Linked PCMs prepare as a group (sound/core/pcm_native.c); preparing both is harmless then.
        _capture.Prepare();
        _playback.Prepare();
        PrefillAndStart();
        _running = true;
    }

    /// <summary>
    /// Blocks until one period has been captured and writes it, as floats, into <paramref name="interleaved"/>
    /// (exactly <see cref="SamplesPerPeriod"/> long). An overrun is recovered and the period read again from
    /// the restarted stream. Allocation-free. Thread: audio.
    /// </summary>
    public void ReadPeriod(Span<float> interleaved)
    {
        CheckPeriod(interleaved.Length);
        int frameBytes = Capture.BytesPerFrame;
        int done = 0;
        while (done < PeriodFrames)
        {
            long got = _capture.Read(_captureBytes.AsSpan(done * frameBytes));
            if (got > 0)
            {
                done += (int)got;
            }
            else if (AlsaError.IsXrun(got))
            {
                // Frames read before the overrun belong to the old alignment: start the period over.
                Recover(PcmDirection.Capture, (int)got);
                done = 0;
            }
            else if (got < 0 && !IsRetry(got))
            {
                throw Failed(_capture, got, "snd_pcm_readi");
            }
        }

        PcmSampleConverter.ToFloat(Capture.Format, _captureBytes, interleaved);
    }

    /// <summary>
    /// Writes one period of floats (exactly <see cref="SamplesPerPeriod"/>) to playback. After an underrun the
    /// stream is realigned, which refills playback with a buffer of silence, and this period is dropped:
    /// writing it too would put playback one period further behind capture. Allocation-free. Thread: audio.
    /// </summary>
    public void WritePeriod(ReadOnlySpan<float> interleaved)
    {
        CheckPeriod(interleaved.Length);
        PcmSampleConverter.FromFloat(Playback.Format, interleaved, _playbackBytes);
        int frameBytes = Playback.BytesPerFrame;
        int done = 0;
        while (done < PeriodFrames)
        {
            long put = _playback.Write(_playbackBytes.AsSpan(done * frameBytes));
            if (put > 0)
            {
                done += (int)put;
            }
            else if (AlsaError.IsXrun(put))
            {
                Recover(PcmDirection.Playback, (int)put);
                return;
            }
            else if (put < 0 && !IsRetry(put))
            {
                throw Failed(_playback, put, "snd_pcm_writei");
            }
        }
    }

    /// <summary>
    /// What <see cref="ReadPeriod"/> and <see cref="WritePeriod"/> do on -EPIPE or -ESTRPIPE: snd_pcm_recover on
    /// the PCM that reported it, then both ends dropped, prepared, playback prefilled with a buffer of
    /// silence and both started again, so the capture-to-playback distance is what it was at start. Counts
    /// one xrun. Public so a watchdog can force a realignment; call it between a write and the next read.
    /// Thread: audio.
    /// </summary>
    public void Recover(PcmDirection failed, int error)
    {
        if (!_running)
        {
            throw new InvalidOperationException("the duplex stream is not started");
        }

        AlsaPcm pcm = failed == PcmDirection.Capture ? _capture : _playback;
        int err = pcm.Recover(error);
        if (err < 0)
        {
            throw Failed(pcm, err, "snd_pcm_recover");
        }

        // Linked PCMs drop and prepare as a group; calling both is harmless then and needed otherwise.
        // A drop's error is ignored: the PCM that reported the xrun may already be stopped.
        _ = LibAsound.snd_pcm_drop(_capture.Handle);
        _ = LibAsound.snd_pcm_drop(_playback.Handle);
        _capture.Prepare();
        _playback.Prepare();

        PrefillAndStart();
        Interlocked.Increment(ref _xruns);
    }

    /// <summary>Stops both ends: at once, or after the queued playback has been heard. Thread: audio.</summary>
    public void Stop(bool drainPlayback = false)
    {
        if (!_running)
        {
            return;
        }

        _running = false;
        if (drainPlayback)
        {
            // On linked PCMs the kernel drains the group: the capture end stops too (sound/core/pcm_native.c).
            _playback.Drain();
        }

        _ = LibAsound.snd_pcm_drop(_capture.Handle);
        _ = LibAsound.snd_pcm_drop(_playback.Handle);
    }

    /// <summary>Unlinks and closes both PCMs (snd_pcm_close drops what still runs). Thread: non-real-time, after the audio thread stopped.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (IsLinked)
        {
            _ = LibAsound.snd_pcm_unlink(_capture.Handle);
        }

        _playback.Dispose();
        _capture.Dispose();
    }

    /// <summary>Lines for the startup log.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Capture}; {Playback}; {(IsLinked ? "linked" : $"not linked ({AlsaError.Describe(LinkError)}), started back to back")}; capture to playback {CaptureToPlaybackFrames} frames");

    private static bool IsRetry(long error) => error is 0 or -Errno.EINTR or -Errno.EAGAIN;

    private static AlsaException Failed(AlsaPcm pcm, long error, string call) =>
        new((int)error, $"ALSA {HwParamsNegotiation.Words(pcm.Direction)} PCM '{pcm.Name}': {call} failed: {AlsaError.Describe((int)error)}");

    private void PrefillAndStart()
    {
        // start_threshold is at the boundary (SwParamsSetup), so these writes queue without starting.
        for (int queued = 0; queued < Playback.BufferFrames;)
        {
            int frames = Math.Min(PeriodFrames, Playback.BufferFrames - queued);
            long put = _playback.Write(_silence.AsSpan(0, frames * Playback.BytesPerFrame));
            if (put > 0)
            {
                queued += (int)put;
            }
            else if (!IsRetry(put))
            {
                throw Failed(_playback, put, "snd_pcm_writei (prefill)");
            }
        }

        _capture.Start();
        if (!IsLinked)
        {
            _playback.Start();
        }
    }

    private void CheckPeriod(int samples)
    {
        if (samples != SamplesPerPeriod)
        {
            throw new ArgumentException($"a period is {PeriodFrames} frames x {Channels} channels = {SamplesPerPeriod} samples, not {samples}");
        }

        if (!_running)
        {
            throw new InvalidOperationException("the duplex stream is not started");
        }
    }
}
