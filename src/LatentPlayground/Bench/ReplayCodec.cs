using LatentPlayground.Core.Engine;

namespace LatentPlayground.Bench;

/// <summary>
/// A codec of a real model's shape that costs nothing: Decode replays audio the real model produced.
/// Timing the engine around it gives the engine's own cost per hop directly, instead of as the small
/// difference of two large, noisy times. The replayed audio keeps the limiter and mixer on the same
/// path they take with the model. Thread: the benchmark's.
/// </summary>
internal sealed class ReplayCodec : IStreamingCodec
{
    private readonly float[][] _hops;
    private int _next;

    public ReplayCodec(IStreamingCodec shape, float[][] decodedHops)
    {
        Hop = shape.Hop;
        LatentSize = shape.LatentSize;
        SampleRate = shape.SampleRate;
        LatencySamples = shape.LatencySamples;
        _hops = decodedHops;
    }

    public int Hop { get; }

    public int LatentSize { get; }

    public int SampleRate { get; }

    public int LatencySamples { get; }

    public void Encode(ReadOnlySpan<float> audio, Span<float> latent) => latent.Clear();

    public void Decode(ReadOnlySpan<float> latent, Span<float> audio)
    {
        _hops[_next].CopyTo(audio);
        _next = (_next + 1) % _hops.Length;
    }

    public void Reset() => _next = 0;
}
