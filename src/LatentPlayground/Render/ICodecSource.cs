using LatentPlayground.Core.Engine;

namespace LatentPlayground.Render;

/// <summary>Opens the model a command asked for. Bad or missing models throw <see cref="UsageException"/>.</summary>
public interface ICodecSource
{
    /// <param name="modelFolder">A model package folder, or null for the bundled default.</param>
    /// <param name="precision">"int8", "fp32", or null for the package's best (int8 when present).</param>
    OpenedCodec Open(string? modelFolder, string? precision);

    /// <summary>As <see cref="Open(string?, string?)"/>, with the model's own randomness chosen (imported RAVE models).</summary>
    OpenedCodec Open(string? modelFolder, string? precision, ModelNoise noise) => Open(modelFolder, precision);

    /// <summary>
    /// As <see cref="Open(string?, string?, ModelNoise)"/>, with the model's weights in live buffers a bend writes
    /// (<see cref="Inference.CodecOptions.Bendable"/>: fp32). Sources that cannot bend say so.
    /// </summary>
    OpenedCodec OpenBendable(string? modelFolder, ModelNoise noise) => throw new UsageException("--bend: this model source cannot bend weights");
}

/// <summary>
/// What an imported RAVE model's noise inputs receive: seeded draws (RAVE's sound, byte-identical for a
/// seed) or their noise-free values (RAVE's deterministic path, for comparing with references).
/// </summary>
public sealed record ModelNoise(bool Draw, ulong Seed)
{
    public static ModelNoise Default { get; } = new(true, Inference.CodecOptions.DefaultNoiseSeed);
}

/// <summary>An open codec and a short description for messages; disposing it frees the model.</summary>
public sealed class OpenedCodec(IStreamingCodec codec, string description, IDisposable? owner = null) : IDisposable
{
    public IStreamingCodec Codec { get; } = codec;

    public string Description { get; } = description;

    public void Dispose() => owner?.Dispose();
}
