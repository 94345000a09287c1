using LatentPlayground.Core.Engine;

namespace LatentPlayground.Tests.Controls;

/// <summary>A codec that answers silence at once: the control-side tests need an engine and its queues, not a model.</summary>
internal sealed class SilentCodec : IStreamingCodec
{
    public int Hop => 512;

    public int LatentSize => 8;

    public int SampleRate => 48000;

    public int LatencySamples => 0;

    public void Encode(ReadOnlySpan<float> audio, Span<float> latent) => latent.Clear();

    public void Decode(ReadOnlySpan<float> latent, Span<float> audio) => audio.Clear();

    public void Reset()
    {
    }
}
