using LatentPlayground.Audio.Realtime;

namespace LatentPlayground.Audio.Live;

/// <summary>How <see cref="LiveDriver"/> runs its two threads. Thread: any; immutable.</summary>
public sealed record LiveDriverSettings
{
    /// <summary>The audio thread: SCHED_FIFO above the inference thread, on a core of its own.</summary>
    public RealtimeSettings AudioThread { get; init; } = new("lp-audio");

    /// <summary>The inference thread: SCHED_FIFO below the audio thread, on another core.</summary>
    public RealtimeSettings InferenceThread { get; init; } = new("lp-inference");

    public LivePacing Pacing { get; init; } = LivePacing.Device;

    /// <summary>Stop by itself after this many frames of audio (counted, never timed); null runs until <see cref="LiveDriver.Stop"/>.</summary>
    public long? StopAfterFrames { get; init; }

    /// <summary>
    /// Audio at the start that the steady-state figures leave out (allocation counts, time histograms,
    /// worst times): first calls compile code and fill caches. Late hops and xruns count from the start.
    /// </summary>
    public double WarmUpSeconds { get; init; } = 1.0;

    /// <summary>mlockall before the threads start; when refused, one warning and the run goes on.</summary>
    public bool LockMemory { get; init; } = true;

    /// <summary>Fade to silence before stopping, so the last sound does not end on a click.</summary>
    public double FadeOutSeconds { get; init; } = 0.010;
}
