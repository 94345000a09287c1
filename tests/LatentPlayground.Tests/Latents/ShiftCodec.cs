using LatentPlayground.Core.Engine;

namespace LatentPlayground.Tests.Latents;

/// <summary>
/// A codec whose latent is the hop itself (hop = latent size) and whose decoder gives it back
/// <paramref name="latency"/> samples late: an encode then decode must return the input exactly, aligned.
/// </summary>
internal sealed class ShiftCodec(int hop, int latency, int sampleRate = 48000) : IStreamingCodec
{
    private readonly float[] _line = new float[hop + latency];

    public int Hop => hop;

    public int LatentSize => hop;

    public int SampleRate => sampleRate;

    public int LatencySamples => latency;

    public void Encode(ReadOnlySpan<float> audio, Span<float> latent) => audio.CopyTo(latent);

    public void Decode(ReadOnlySpan<float> latent, Span<float> audio)
    {
        latent.CopyTo(_line.AsSpan(latency));
        _line.AsSpan(0, hop).CopyTo(audio);
        Array.Copy(_line, hop, _line, 0, latency);
    }

    public void Reset() => Array.Clear(_line);
}
