using LatentPlayground.Core.Engine;

namespace LatentPlayground.Tests.Live;

/// <summary>
/// A model that is sometimes slow: at seeded random hops, Decode sleeps past the inference budget before
/// decoding, as a model would under a thermal throttle or a page fault storm. Output values are untouched.
/// Thread: the inference thread.
/// </summary>
internal sealed class CodecFaults(IStreamingCodec inner, int seed, double probability, int firstHop, TimeSpan minStall, TimeSpan maxStall) : IStreamingCodec
{
    private readonly Random _random = new(seed);
    private long _hop;
    private volatile bool _armed;

    public int Hop => inner.Hop;

    public int LatentSize => inner.LatentSize;

    public int SampleRate => inner.SampleRate;

    public int LatencySamples => inner.LatencySamples;

    /// <summary>Hops that stalled, by index. Read after the run.</summary>
    public List<long> Stalled { get; } = [];

    /// <summary>Stalls only when true: the warm-up and render must not stall. Set from the test thread.</summary>
    public bool Armed
    {
        get => _armed;
        set => _armed = value;
    }

    public void Encode(ReadOnlySpan<float> audio, Span<float> latent) => inner.Encode(audio, latent);

    public void Decode(ReadOnlySpan<float> latent, Span<float> audio)
    {
        if (Armed && _hop >= firstHop && _random.NextDouble() < probability)
        {
            Stalled.Add(_hop);
            Thread.Sleep(minStall + ((maxStall - minStall) * _random.NextDouble()));
        }

        _hop += Armed ? 1 : 0;
        inner.Decode(latent, audio);
    }

    public void Reset() => inner.Reset();
}
