using LatentPlayground.Core.Engine;

namespace LatentPlayground.Core.Tests.Engine;

/// <summary>
/// A test codec that decodes exactly what it encoded, <paramref name="latency"/> samples late, as anira
/// tests with an identity backend: buffering and latency can be checked without a model.
/// Its latent is the mean of each eighth of the hop, so latent observers see something of the input.
/// </summary>
internal sealed class IdentityCodec(int hop = 256, int latency = 0, int sampleRate = 48000) : IStreamingCodec
{
    private readonly float[] _delay = new float[hop + latency];

    public int Hop => hop;

    public int LatentSize => 8;

    public int SampleRate => sampleRate;

    public int LatencySamples => latency;

    public int Encodes { get; private set; }

    public void Encode(ReadOnlySpan<float> audio, Span<float> latent)
    {
        // Shift the delay line by one hop and append the new audio at its end.
        Array.Copy(_delay, hop, _delay, 0, latency);
        audio.CopyTo(_delay.AsSpan(latency));
        int part = hop / 8;
        for (int d = 0; d < 8; d++)
        {
            float sum = 0;
            for (int i = 0; i < part; i++)
            {
                sum += audio[(d * part) + i];
            }

            latent[d] = sum / part;
        }

        Encodes++;
    }

    public void Decode(ReadOnlySpan<float> latent, Span<float> audio) => _delay.AsSpan(0, hop).CopyTo(audio);

    public void Reset() => Array.Clear(_delay);
}
