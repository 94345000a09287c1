using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Core.Tests.Engine;

/// <summary>Builds a live engine with settings applied, and runs its two halves the way two threads would.</summary>
internal static class LiveHarness
{
    public static LiveEngine Create(IStreamingCodec codec, int channels, int period, int budget, params string[] settings)
    {
        var engine = new LiveEngine(codec, channels, period, budget);
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

    /// <summary>
    /// Runs the two halves in one deterministic order: after each period the inference side catches up,
    /// unless <paramref name="stall"/> says it is busy for this period.
    /// </summary>
    public static float[] Run(LiveEngine engine, float[] input, int period, Func<int, bool>? stall = null)
    {
        int channels = engine.Channels;
        var output = new float[input.Length];
        int frames = input.Length / channels;
        for (int f = 0, k = 0; f < frames; f += period, k++)
        {
            int n = Math.Min(period, frames - f);
            engine.ProcessPeriod(input.AsSpan(f * channels, n * channels), output.AsSpan(f * channels, n * channels), n);
            if (stall is null || !stall(k))
            {
                while (engine.TryProcessHop())
                {
                }
            }
        }

        return output;
    }
}
