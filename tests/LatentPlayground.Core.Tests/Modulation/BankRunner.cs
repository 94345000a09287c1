using LatentPlayground.Core.Modulation;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Tempo;

namespace LatentPlayground.Core.Tests.Modulation;

/// <summary>Drives a modulator bank the way the engine does: one Advance per hop, tempo counted in samples.</summary>
internal sealed class BankRunner
{
    public const double SampleRate = 48000;

    private readonly double[] _values = new double[ParameterTable.Count];
    private readonly float[] _zero = new float[ModulatorBank.Dimensions];
    private readonly int _hop;

    public BankRunner(ParameterSet parameters, int hop = 2048, double? bpm = null)
    {
        Parameters = parameters;
        _hop = hop;
        Bank = new ModulatorBank(SampleRate / hop);
        Clock = new TempoClock(SampleRate, bpm ?? 120);
        if (bpm is not null)
        {
            Clock.Start();
        }
    }

    public ParameterSet Parameters { get; }

    public ModulatorBank Bank { get; }

    public TempoClock Clock { get; }

    public static ParameterSet Settings(string basis, params string[] sets)
    {
        var p = new ParameterSet();
        Assert.Null(p.TrySetFromText($"basis={basis}"));
        foreach (string s in sets)
        {
            Assert.Null(p.TrySetFromText(s));
        }

        return p;
    }

    /// <summary>Runs <paramref name="frames"/> frames and returns [frame, dimension].</summary>
    public double[,] Run(int frames)
    {
        Parameters.CopyTo(_values);
        var result = new double[frames, ModulatorBank.Dimensions];
        var latent = new float[ModulatorBank.Dimensions];
        for (int f = 0; f < frames; f++)
        {
            Bank.Advance(_values, Clock.State, _zero, latent);
            for (int d = 0; d < ModulatorBank.Dimensions; d++)
            {
                result[f, d] = latent[d];
            }

            Clock.Advance(_hop);
        }

        return result;
    }

    public static double[] Column(double[,] run, int dimension)
    {
        var c = new double[run.GetLength(0)];
        for (int f = 0; f < c.Length; f++)
        {
            c[f] = run[f, dimension];
        }

        return c;
    }
}
