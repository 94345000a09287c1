using System.Runtime.CompilerServices;
using LatentPlayground.Core.Tempo;

namespace LatentPlayground.Core.Engine;

/// <summary>Eight latent values in a plain struct, so a snapshot can carry them without an array.</summary>
[InlineArray(8)]
public struct LatentVector
{
    private float _element;
}

/// <summary>
/// What the display and the log read of the live engine: counters and the latest latent, published
/// by the inference thread after every hop and read by the control thread without locking the engine.
/// </summary>
public struct EngineSnapshot
{
    /// <summary>Hops processed.</summary>
    public long Hops { get; set; }

    /// <summary>Times the wet path came back late and the output faded to the aligned dry signal.</summary>
    public long LateHops { get; set; }

    /// <summary>Hops the inference thread skipped because it fell more than the ring behind.</summary>
    public long SkippedHops { get; set; }

    /// <summary>Slowest hop so far, in microseconds.</summary>
    public double WorstHopMicroseconds { get; set; }

    /// <summary>Latest hop time over the hop's duration, smoothed: 1.0 means no time to spare.</summary>
    public double Load { get; set; }

    /// <summary>The tempo the latest hop's modulators followed, and whether the transport ran.</summary>
    public TempoState Tempo { get; set; }

    /// <summary>The latent the decoder received at the latest hop (z').</summary>
    public LatentVector Latent { get; set; }
}
