using BenchmarkDotNet.Attributes;
using LatentPlayground.Core.Dsp;
using LatentPlayground.Core.Engine;

namespace LatentPlayground.Benchmarks;

/// <summary>The per-sample stage and its limiter over one 2048-sample hop: the engine's cost beside the model.</summary>
[MemoryDiagnoser]
public class SampleStageBenchmark
{
    private const int Hop = 2048;
    private readonly float[] _input = new float[Hop];
    private readonly float[] _decoded = new float[Hop];
    private readonly float[] _output = new float[Hop];
    private readonly float[] _quiet = new float[Hop];
    private SampleStage _stage = null!;
    private PeakLimiter _limiter = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        for (int i = 0; i < Hop; i++)
        {
            _input[i] = (float)(rng.NextDouble() - 0.5);
            _decoded[i] = (float)(rng.NextDouble() - 0.5) * 2.5f;
            _quiet[i] = _decoded[i] * 0.3f;
        }

        _stage = new SampleStage(48000, 1, 2048 + 368);
        _limiter = new PeakLimiter(64, 3840);
    }

    /// <summary>The decoded signal stays under the ceiling, as it mostly does: the limiter only delays.</summary>
    [Benchmark(Baseline = true)]
    public void SampleStageHopQuiet() => _stage.Process(_input, _quiet, _output, Hop);

    /// <summary>The decoded signal is 8 dB over the ceiling throughout: the limiter works on every sample.</summary>
    [Benchmark]
    public void SampleStageHopLimiting() => _stage.Process(_input, _decoded, _output, Hop);

    [Benchmark]
    public float LimiterHop()
    {
        float last = 0;
        for (int i = 0; i < Hop; i++)
        {
            last = _limiter.Process(_decoded[i], 0.89);
        }

        return last;
    }
}
