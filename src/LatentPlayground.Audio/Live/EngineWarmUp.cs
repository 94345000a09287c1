using LatentPlayground.Core.Engine;

namespace LatentPlayground.Audio.Live;

/// <summary>
/// Runs the engine's code once before the stream starts, so the first hop the audio hears is not the one
/// that pays for compiling it. The just-in-time compiler needs milliseconds to tens of milliseconds for the
/// hop path (latent chain, modulators, noise) on first use, which would make the first hop late by itself.
/// The warm-up drives a throwaway engine, built the way the real one is, with silence, through both
/// halves (ProcessPeriod and TryProcessHop), then resets the codec so the real engine starts from the
/// same zero state that render starts from.
/// Thread: control, before the driver starts; the codec must not be in use by another thread.
/// </summary>
public static class EngineWarmUp
{
    /// <param name="makeEngine">Builds an engine exactly as the real one is built (same codec, settings and sizes).</param>
    /// <param name="codec">The codec the engines share, reset afterwards.</param>
    /// <param name="periodFrames">The period the audio thread will use.</param>
    /// <param name="hops">Hops to run; a few is enough to reach every branch the first second reaches.</param>
    public static void Run(Func<LiveEngine> makeEngine, IStreamingCodec codec, int periodFrames, int hops = 4)
    {
        ArgumentNullException.ThrowIfNull(makeEngine);
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentOutOfRangeException.ThrowIfLessThan(periodFrames, 1);
        LiveEngine engine = makeEngine();
        var input = new float[periodFrames * engine.Channels];
        var output = new float[input.Length];
        long frames = ((long)(hops + 1) * codec.Hop) + engine.WetDelaySamples;
        for (long done = 0; done < frames; done += periodFrames)
        {
            engine.ProcessPeriod(input, output, periodFrames);
            while (engine.TryProcessHop())
            {
            }
        }

        codec.Reset();
    }
}
