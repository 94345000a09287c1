using BenchmarkDotNet.Attributes;
using LatentPlayground.Core.Modulation;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Tempo;

namespace LatentPlayground.Benchmarks;

/// <summary>
/// Time for one latent frame of all eight modulators, per basis. A frame comes every 42.7 ms at
/// 48 kHz with hop 2048, so this is the whole modulation cost per hop on the inference thread.
/// </summary>
[MemoryDiagnoser]
public class ModulatorBankBenchmark
{
    private readonly double[] _values = new double[ParameterTable.Count];
    private readonly float[] _z = new float[ModulatorBank.Dimensions];
    private readonly float[] _out = new float[ModulatorBank.Dimensions];
    private ModulatorBank _bank = null!;
    private TempoClock _clock = null!;

    [Params("cell", "simplex", "perlin", "distorted", "voronoi", "fractal")]
    public string Basis { get; set; } = "cell";

    [GlobalSetup]
    public void Setup()
    {
        var p = new ParameterSet();
        // A new noise value every frame (rate 24 Hz) is the most work a frame can take.
        foreach (string s in new[] { $"basis={Basis}", "rate=24", "speed=500", "time.1=1/4", "time.2=free" })
        {
            _ = p.TrySetFromText(s) ?? string.Empty;
        }

        p.CopyTo(_values);
        _bank = new ModulatorBank(48000.0 / 2048);
        _clock = new TempoClock(48000, 120);
        _clock.Start();
    }

    [Benchmark]
    public float Frame()
    {
        _bank.Advance(_values, _clock.State, _z, _out);
        _clock.Advance(2048);
        return _out[0];
    }
}
