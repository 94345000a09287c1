using LatentPlayground.Core.Engine;

namespace LatentPlayground.Core.Tests.Engine;

/// <summary>
/// A test codec whose output is a sine whose amplitude follows latent dimension 1 and whose pitch follows
/// dimension 2 (when the latent has one), phase-continuous across hops: it makes the latent audible without
/// a model. Its latent has <paramref name="latentSize"/> dimensions, 8 as the bundled model's by default.
/// </summary>
internal sealed class ToneCodec(int hop = 512, int sampleRate = 48000, int latentSize = 8) : IStreamingCodec
{
    private double _phase;

    public int Hop => hop;

    public int LatentSize => latentSize;

    public int SampleRate => sampleRate;

    public int LatencySamples => 0;

    public float[] LastDecodedLatent { get; } = new float[latentSize];

    public void Encode(ReadOnlySpan<float> audio, Span<float> latent) => latent.Clear();

    public void Decode(ReadOnlySpan<float> latent, Span<float> audio)
    {
        latent.CopyTo(LastDecodedLatent);
        double amplitude = latent[0] / 3.0;
        double frequency = 220 * Math.Pow(2, (latent.Length > 1 ? latent[1] : 0) / 3.0);
        for (int i = 0; i < audio.Length; i++)
        {
            audio[i] = (float)(amplitude * Math.Sin(_phase));
            _phase += 2 * Math.PI * frequency / sampleRate;
        }

        _phase %= 2 * Math.PI;
    }

    public void Reset() => _phase = 0;
}
