using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Core.Tests.Engine;

internal static class EngineHarness
{
    public static OfflineEngine Create(IStreamingCodec codec, int channels = 1, params string[] settings)
    {
        var engine = new OfflineEngine(codec, channels);
        var p = new ParameterSet();
        foreach (string s in settings)
        {
            Assert.Null(p.TrySetFromText(s));
        }

        foreach (ParameterDescriptor d in ParameterTable.All)
        {
            Assert.True(engine.Post(new ParameterChange(d.Id, p[d.Id])));
        }

        engine.ApplyPendingImmediately();
        return engine;
    }

    /// <summary>Runs a whole signal through in blocks of the given sizes, cycling through them.</summary>
    public static float[] Run(OfflineEngine engine, float[] input, params int[] blocks)
    {
        if (blocks.Length == 0)
        {
            blocks = [256];
        }

        var output = new float[input.Length];
        int frames = input.Length / engine.Channels;
        int f = 0;
        int b = 0;
        while (f < frames)
        {
            int n = Math.Min(blocks[b++ % blocks.Length], frames - f);
            engine.Process(input.AsSpan(f * engine.Channels, n * engine.Channels), output.AsSpan(f * engine.Channels, n * engine.Channels), n);
            f += n;
        }

        return output;
    }

    public static float[] Impulse(int length, int at, float value = 0.5f)
    {
        var x = new float[length];
        x[at] = value;
        return x;
    }

    public static int PeakIndex(float[] x)
    {
        int best = 0;
        for (int i = 1; i < x.Length; i++)
        {
            if (Math.Abs(x[i]) > Math.Abs(x[best]))
            {
                best = i;
            }
        }

        return best;
    }

    public static double MaxStep(ReadOnlySpan<float> x)
    {
        double m = 0;
        for (int i = 1; i < x.Length; i++)
        {
            m = Math.Max(m, Math.Abs(x[i] - x[i - 1]));
        }

        return m;
    }
}
