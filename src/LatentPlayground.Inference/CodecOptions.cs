namespace LatentPlayground.Inference;

/// <summary>How <see cref="OnnxStreamingCodec"/> opens a package.</summary>
public sealed record CodecOptions
{
    /// <summary>The graphs to run. Int8 needs a package that has them.</summary>
    public ModelPrecision Precision { get; init; } = ModelPrecision.Fp32;

    /// <summary>
    /// Hops run through both graphs at construction, then forgotten by a reset. The first runs of a
    /// session pay for lazy allocations and cold caches; they belong to the worker thread, not to the
    /// first hop the audio hears.
    /// </summary>
    public int WarmUpHops { get; init; } = 4;
}
