namespace LatentPlayground.Core.Engine;

/// <summary>
/// What the hop stage needs of a model: encode one hop of mono audio into one latent frame, decode one
/// latent frame into one hop, carrying the streaming state from call to call. ONNX Runtime implements it
/// for real models; tests use trivial codecs to check buffering and latency without a model.
/// Thread: the hop stage's thread only (inference thread live, the render loop offline).
/// Implementations must not allocate in <see cref="Encode"/> or <see cref="Decode"/> once prepared.
/// </summary>
public interface IStreamingCodec
{
    /// <summary>Samples per hop (the model's compression ratio): 2048 for the bundled model, 512 to 4096 for imported RAVE models.</summary>
    int Hop { get; }

    /// <summary>Latent dimensions per frame (L): 8 for the bundled model, 1 to 128 for imported RAVE models.</summary>
    int LatentSize { get; }

    /// <summary>The rate the model runs at, and so the engine: 44100 or 48000 for packages.</summary>
    int SampleRate { get; }

    /// <summary>
    /// Samples by which the decoded audio lags the encoded audio, beyond the one hop of buffering the
    /// engine adds itself: the model's algorithmic latency (filter delays, causal padding).
    /// </summary>
    int LatencySamples { get; }

    /// <summary>Encodes <see cref="Hop"/> samples into <see cref="LatentSize"/> values.</summary>
    void Encode(ReadOnlySpan<float> audio, Span<float> latent);

    /// <summary>Decodes <see cref="LatentSize"/> values into <see cref="Hop"/> samples.</summary>
    void Decode(ReadOnlySpan<float> latent, Span<float> audio);

    /// <summary>Zeroes the streaming state, as at load.</summary>
    void Reset();
}
