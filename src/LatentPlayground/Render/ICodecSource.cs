using LatentPlayground.Core.Engine;

namespace LatentPlayground.Render;

/// <summary>Opens the model a command asked for. Bad or missing models throw <see cref="UsageException"/>.</summary>
public interface ICodecSource
{
    /// <param name="modelFolder">A model package folder, or null for the bundled default.</param>
    /// <param name="precision">"int8", "fp32", or null for the package's best (int8 when present).</param>
    OpenedCodec Open(string? modelFolder, string? precision);
}

/// <summary>An open codec and a short description for messages; disposing it frees the model.</summary>
public sealed class OpenedCodec(IStreamingCodec codec, string description, IDisposable? owner = null) : IDisposable
{
    public IStreamingCodec Codec { get; } = codec;

    public string Description { get; } = description;

    public void Dispose() => owner?.Dispose();
}
