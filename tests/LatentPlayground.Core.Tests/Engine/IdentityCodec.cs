using LatentPlayground.Core.Engine;

namespace LatentPlayground.Core.Tests.Engine;

/// <summary>
/// A test codec that decodes exactly what it encoded, <paramref name="latency"/> samples late, as anira
/// tests with an identity backend: buffering and latency can be checked without a model.
/// Its latent has <paramref name="latentSize"/> dimensions (8 as the bundled model, or any size an imported
/// model brings), each the mean of its share of the hop, so latent observers see something of the input;
/// it keeps the last frame it encoded and the last it was given to decode, so a test can see what the
/// engine did to the latent between the two.
/// </summary>
internal sealed class IdentityCodec(int hop = 256, int latency = 0, int sampleRate = 48000, int latentSize = 8) : IStreamingCodec
{
    private readonly float[] _delay = new float[hop + latency];

    public int Hop => hop;

    public int LatentSize => latentSize;

    public int SampleRate => sampleRate;

    public int LatencySamples => latency;

    public int Encodes { get; private set; }

    public float[] LastEncoded { get; } = new float[latentSize];

    public float[] LastDecoded { get; } = new float[latentSize];

    public void Encode(ReadOnlySpan<float> audio, Span<float> latent)
    {
        // Shift the delay line by one hop and append the new audio at its end.
        Array.Copy(_delay, hop, _delay, 0, latency);
        audio.CopyTo(_delay.AsSpan(latency));
        for (int d = 0; d < latentSize; d++)
        {
            int first = d * hop / latentSize;
            int end = (d + 1) * hop / latentSize;
            float sum = 0;
            for (int i = first; i < end; i++)
            {
                sum += audio[i];
            }

            latent[d] = sum / Math.Max(1, end - first);
        }

        latent.CopyTo(LastEncoded);
        Encodes++;
    }

    public void Decode(ReadOnlySpan<float> latent, Span<float> audio)
    {
        latent.CopyTo(LastDecoded);
        _delay.AsSpan(0, hop).CopyTo(audio);
    }

    public void Reset() => Array.Clear(_delay);
}
