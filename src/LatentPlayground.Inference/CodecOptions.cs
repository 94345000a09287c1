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

    /// <summary>
    /// Seed of the draws fed to the decoder's noise inputs (imported RAVE models: the latent padding and
    /// the noise generator). The same seed gives the same output, byte for byte; the draws restart from
    /// it at every <see cref="OnnxStreamingCodec.Reset"/>.
    /// </summary>
    public ulong NoiseSeed { get; init; } = DefaultNoiseSeed;

    /// <summary>Hold every noise input at its deterministic value (RAVE's noise-free path) instead of drawing.</summary>
    public bool DeterministicNoise { get; init; }

    /// <summary>
    /// Opens the graphs with their convolution weights in buffers the player can bend live
    /// (<see cref="OnnxStreamingCodec.EncoderWeights"/>, <see cref="OnnxStreamingCodec.DecoderWeights"/>).
    /// Fp32 only: the int8 kernels pack their weights when the session is built and would not see a bend.
    /// </summary>
    public bool Bendable { get; init; }

    public const ulong DefaultNoiseSeed = 0x4C50_4E6F_6973_6521;
}
