using LatentPlayground.Core.Dsp;
using LatentPlayground.Audio.Alsa;
using LatentPlayground.Audio.Realtime;
using LatentPlayground.Core.Engine;

namespace LatentPlayground.Audio.Live;

/// <summary>
/// Drives a <see cref="LiveEngine"/> from a full-duplex ALSA stream on two real-time threads: the audio
/// thread (read a period, sample stage, write it back) and the inference thread (every completed hop:
/// encode, latent chain, decode). Memory is locked first. Counters are published for the display and the
/// log. Stopping fades the output to silence, drains the playback, then lets the inference thread go.
/// Thread: <see cref="Start"/>, <see cref="ReadCounters"/> and <see cref="Stop"/> on one control thread;
/// the state properties from any thread. Call <see cref="Stop"/> before closing the stream or the codec.
/// </summary>
public sealed class LiveDriver
{
    private readonly SwappableEngine _engine;
    private readonly AudioLoop _audio;
    private readonly InferenceLoop _inference;
    private RealtimeThread? _audioThread;
    private RealtimeThread? _inferenceThread;
    private bool _stopped;

    private LiveDriver(SwappableEngine engine, AlsaDuplexStream stream, LiveDriverSettings settings, int hop, RateBridge? bridge)
    {
        _engine = engine;
        Settings = settings;
        _audio = new AudioLoop(engine, stream, settings, bridge);
        _inference = new InferenceLoop(engine, stream.PeriodFrames, settings, hop);
    }

    public LiveDriverSettings Settings { get; }

    /// <summary>The engines the threads run: the current one, and the next one during a model swap.</summary>
    public SwappableEngine Engine => _engine;

    /// <summary>What mlockall answered, or null when it was not asked for.</summary>
    public MemoryLockResult? MemoryLock { get; private set; }

    public RealtimeReport AudioThread => _audioThread!.Report;

    public RealtimeReport InferenceThread => _inferenceThread!.Report;

    /// <summary>How long the inference thread sleeps when no hop is ready.</summary>
    public TimeSpan InferencePollInterval => _inference.PollInterval;

    /// <summary>True while the audio thread runs. False once it finished (duration reached, stopped) or failed. Thread: any.</summary>
    public bool AudioRunning => _audioThread?.IsAlive ?? false;

    /// <summary>True while the inference thread runs. Thread: any.</summary>
    public bool InferenceRunning => _inferenceThread?.IsAlive ?? false;

    /// <summary>Per-hop times after the warm-up, for percentiles. Thread: any reader.</summary>
    public TimeHistogram HopTimes => _inference.HopTimes;

    /// <summary>Per-period work times after the warm-up, for percentiles. Thread: any reader.</summary>
    public TimeHistogram PeriodTimes => _audio.PeriodTimes;

    /// <summary>
    /// Compiles the threads' code ahead, locks memory, starts the inference thread, then the audio thread,
    /// which starts the stream. Every
    /// refused right (memory lock, priority, core) gives one call to <paramref name="warn"/>, here, and the
    /// run goes on without it. <paramref name="hop"/> is the model's hop, for the warm-up count.
    /// Thread: control (not real-time).
    /// </summary>
    public static LiveDriver Start(LiveEngine engine, AlsaDuplexStream stream, int hop, LiveDriverSettings settings, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return Start(new SwappableEngine(engine), stream, hop, settings, warn);
    }

    /// <summary>
    /// As <see cref="Start(LiveEngine, AlsaDuplexStream, int, LiveDriverSettings, Action{string}?)"/>, for an engine
    /// that can swap models while running. With a <paramref name="bridge"/>, the stream runs at the card's rate and
    /// the engine at the model's, the audio thread resampling between them; the driver owns the bridge from here.
    /// </summary>
    public static LiveDriver Start(SwappableEngine engine, AlsaDuplexStream stream, int hop, LiveDriverSettings settings, Action<string>? warn = null, RateBridge? bridge = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(hop, 1);
        if (stream.SampleRate != (bridge?.CardRate ?? engine.SampleRate) || stream.Channels != engine.Channels)
        {
            throw new ArgumentException($"the stream runs {stream.SampleRate} Hz x {stream.Channels} ch but the engine was built for {engine.SampleRate} Hz x {engine.Channels} ch", nameof(stream));
        }

        if (bridge is not null && (bridge.ModelRate != engine.SampleRate || bridge.MaxModelFrames > engine.MaxPeriodFrames))
        {
            throw new ArgumentException($"the bridge gives {bridge.ModelRate} Hz periods of up to {bridge.MaxModelFrames} frames; the engine takes {engine.SampleRate} Hz up to {engine.MaxPeriodFrames}", nameof(bridge));
        }

        var driver = new LiveDriver(engine, stream, settings, hop, bridge);
        CodePreparation.Run();
        if (settings.LockMemory)
        {
            driver.MemoryLock = Realtime.MemoryLock.TryLockAll();
            if (!driver.MemoryLock.Locked)
            {
                warn?.Invoke(driver.MemoryLock.Message);
            }
        }

        driver._inferenceThread = RealtimeThread.Start(settings.InferenceThread, driver._inference.Run, warn);
        driver._audioThread = RealtimeThread.Start(settings.AudioThread, driver._audio.Run, warn);
        return driver;
    }

    /// <summary>Thread: control. The latest counters of both threads and the engine, without locking anything.</summary>
    public LiveCounters ReadCounters()
    {
        AudioCounters a = _audio.Counters.Read();
        InferenceCounters i = _inference.Counters.Read();
        EngineSnapshot e = _engine.ReadSnapshot();
        return new LiveCounters
        {
            Periods = a.Periods,
            Frames = a.Frames,
            Xruns = a.Xruns,
            PeriodMicroseconds = _audio.PeriodMicroseconds,
            WorstPeriodMicroseconds = a.WorstPeriodMicroseconds,
            P99PeriodMicroseconds = _audio.PeriodTimes.Percentile(0.99),
            AudioLoad = a.Load,
            Hops = e.Hops,
            LateHops = e.LateHops,
            SkippedHops = e.SkippedHops,
            WorstHopMicroseconds = i.WorstHopMicroseconds,
            P99HopMicroseconds = _inference.HopTimes.Percentile(0.99),
            MedianHopMicroseconds = _inference.HopTimes.Percentile(0.5),
            InferenceLoad = e.Load,
            SteadyState = a.WarmedUp && i.WarmedUp,
            AudioAllocatedBytes = a.AllocatedBytes,
            InferenceAllocatedBytes = i.AllocatedBytes,
            GcCollections = a.WarmedUp ? GC.CollectionCount(0) - a.GcCountAtWarmUp : 0,
            Latent = e.Latent,
        };
    }

    /// <summary>
    /// Thread: control. Asks the audio thread to fade out and drain, waits for it, then stops the inference
    /// thread. Rethrows what either thread failed with (an ALSA error, a model error). Safe to call twice.
    /// </summary>
    public void Stop()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        _audio.RequestStop();
        try
        {
            _audioThread?.Join();
        }
        finally
        {
            _inference.RequestStop();
            _inferenceThread?.Join();
        }
    }
}
