using System.Runtime.CompilerServices;
using LatentPlayground.Core.Tempo;

namespace LatentPlayground.Core.Engine;

/// <summary>
/// The first eight latent values in a plain struct, so a snapshot can carry them without an array: the
/// dimensions the offsets and modulators move, which are what the display shows whatever the model's L.
/// </summary>
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

    /// <summary>The first eight values of the latent the decoder received at the latest hop (z'); 0 past <see cref="LatentSize"/>.</summary>
    public LatentVector Latent { get; set; }

    /// <summary>
    /// The model's latent size L, or 0 when the snapshot does not say (a default snapshot): then all eight
    /// dimensions count as present, as for the bundled model.
    /// </summary>
    public int LatentSize { get; set; }

    /// <summary>
    /// Whether latent dimension <paramref name="dimension"/> (0-based) exists in the model, so a display can
    /// show the bars of a model with fewer than eight dimensions as absent rather than as a silent zero.
    /// </summary>
    public readonly bool HasDimension(int dimension) => dimension >= 0 && (LatentSize <= 0 || dimension < LatentSize);
}
