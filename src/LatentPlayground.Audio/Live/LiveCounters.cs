using System.Globalization;
using LatentPlayground.Core.Engine;

namespace LatentPlayground.Audio.Live;

/// <summary>
/// The live driver's counters for the display and the log, gathered from both threads' published
/// snapshots without locking either. Times and allocation counts cover the steady state (after the
/// warm-up); late hops, skipped hops and xruns count from the start.
/// Thread: any; a plain copy.
/// </summary>
public struct LiveCounters
{
    /// <summary>Periods the audio thread has passed through the engine.</summary>
    public long Periods { get; set; }

    /// <summary>Frames of audio processed: the stream's own clock.</summary>
    public long Frames { get; set; }

    /// <summary>Xruns recovered by the stream, plus (clock pacing) periods a card would have overrun.</summary>
    public long Xruns { get; set; }

    /// <summary>Wall-clock length of one period at the pace the loop runs (0 unpaced).</summary>
    public double PeriodMicroseconds { get; set; }

    /// <summary>Slowest period's work on the audio thread (engine, conversion, write), after warm-up.</summary>
    public double WorstPeriodMicroseconds { get; set; }

    public double P99PeriodMicroseconds { get; set; }

    /// <summary>Audio thread's work over the period's length, smoothed over about half a second.</summary>
    public double AudioLoad { get; set; }

    public long Hops { get; set; }

    /// <summary>Times the wet signal was not back in time and the output faded to the aligned dry signal.</summary>
    public long LateHops { get; set; }

    /// <summary>Hops the inference thread jumped over after falling more than its ring behind.</summary>
    public long SkippedHops { get; set; }

    /// <summary>Slowest hop on the inference thread (the whole TryProcessHop call), after warm-up.</summary>
    public double WorstHopMicroseconds { get; set; }

    public double P99HopMicroseconds { get; set; }

    public double MedianHopMicroseconds { get; set; }

    /// <summary>Hop time over the hop's real-time length, smoothed: 1.0 leaves no time to spare.</summary>
    public double InferenceLoad { get; set; }

    /// <summary>True once both threads are past the warm-up, so the figures below mean something.</summary>
    public bool SteadyState { get; set; }

    /// <summary>Managed bytes the audio thread allocated after its warm-up (0 is the requirement).</summary>
    public long AudioAllocatedBytes { get; set; }

    /// <summary>Managed bytes the inference thread allocated after its warm-up (0 is the requirement).</summary>
    public long InferenceAllocatedBytes { get; set; }

    /// <summary>Garbage collections in the whole process since the audio thread's warm-up.</summary>
    public int GcCollections { get; set; }

    /// <summary>The latent the decoder received at the latest hop, for the display.</summary>
    public LatentVector Latent { get; set; }

    /// <summary>One line for the log. Thread: control (it allocates a string).</summary>
    public override readonly string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Frames} frames, {Hops} hops, late hops {LateHops}, skipped hops {SkippedHops}, xruns {Xruns}; " +
        $"hop p50/p99/worst {MedianHopMicroseconds:0} / {P99HopMicroseconds:0} / {WorstHopMicroseconds:0} us (load {InferenceLoad:P1}); " +
        $"period p99/worst {P99PeriodMicroseconds:0} / {WorstPeriodMicroseconds:0} us (load {AudioLoad:P1}); " +
        $"allocated audio {AudioAllocatedBytes} B, inference {InferenceAllocatedBytes} B, GCs {GcCollections}{(SteadyState ? "" : " (warming up)")}");
}
