using LatentPlayground.Core.Engine;

namespace LatentPlayground.Core.Tests.Engine;

/// <summary>
/// A test codec that decodes to a constant: latent dimension 1 divided by 3. A latent change is a step
/// in the wet signal at the hop boundary, the worst case of a preset switch.
/// </summary>
internal sealed class StepCodec(int hop = 512) : IStreamingCodec
{
    public int Hop => hop;

    public int LatentSize => 8;

    public int SampleRate => 48000;

    public int LatencySamples => 0;

    public void Encode(ReadOnlySpan<float> audio, Span<float> latent) => latent.Clear();

    public void Decode(ReadOnlySpan<float> latent, Span<float> audio) => audio.Fill(latent[0] / 3f);

    public void Reset()
    {
    }
}
