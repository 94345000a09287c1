using LatentPlayground.Core.Engine;

namespace LatentPlayground.Audio.Tests.Live;

/// <summary>
/// A model stand-in whose output is known sample for sample: each hop decodes to the hop it encoded, at
/// half level, with no latency of its own, whatever its hop, rate and latent size (the latent is zeros).
/// Allocation-free, like a real codec must be.
/// Thread: the hop stage's thread.
/// </summary>
internal sealed class HalfGainCodec(int hop = 512, int sampleRate = 48000, int latentSize = 8) : IStreamingCodec
{
    private readonly float[] _held = new float[hop];

    public int Hop => hop;

    public int LatentSize => latentSize;

    public int SampleRate => sampleRate;

    public int LatencySamples => 0;

    public void Encode(ReadOnlySpan<float> audio, Span<float> latent)
    {
        audio.CopyTo(_held);
        latent.Clear();
    }

    public void Decode(ReadOnlySpan<float> latent, Span<float> audio)
    {
        for (int i = 0; i < audio.Length; i++)
        {
            audio[i] = 0.5f * _held[i];
        }
    }

    public void Reset() => Array.Clear(_held);
}
