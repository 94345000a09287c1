using System.Diagnostics;
using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Bench;

/// <summary>
/// Times the model alone (encode + decode per hop) and the whole engine around it on the same audio,
/// interleaved hop by hop so that both see the same machine load: the overhead ratio is the figure
/// that matters on a shared, noisy machine. Thread: one thread, the caller's.
/// </summary>
public static class ModelBenchmark
{
    public static (HopTimings Bare, HopTimings Engine) Run(IStreamingCodec codec, string name, double seconds)
    {
        ArgumentNullException.ThrowIfNull(codec);
        int hop = codec.Hop;
        int hops = Math.Max(20, (int)(seconds * codec.SampleRate / hop));
        float[] audio = TestSignal(hop * 64, codec.SampleRate);
        var latent = new float[codec.LatentSize];
        var decoded = new float[hop];

        var engine = new OfflineEngine(codec, 1);
        foreach (ParameterDescriptor d in ParameterTable.All)
        {
            engine.Post(new ParameterChange(d.Id, d.Default));
        }

        engine.ApplyPendingImmediately();
        var output = new float[hop];

        // Warm both paths: first runs pay for lazy allocations inside ONNX Runtime and the JIT.
        for (int i = 0; i < 16; i++)
        {
            BareHop(codec, audio.AsSpan((i % 64) * hop, hop), latent, decoded);
            engine.Process(audio.AsSpan((i % 64) * hop, hop), output, hop);
        }

        var bare = new double[hops];
        var whole = new double[hops];
        long bareBytes = 0;
        long engineBytes = 0;
        int gcBefore = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
        for (int i = 0; i < hops; i++)
        {
            ReadOnlySpan<float> block = audio.AsSpan((i % 64) * hop, hop);
            long b0 = GC.GetAllocatedBytesForCurrentThread();
            long t0 = Stopwatch.GetTimestamp();
            BareHop(codec, block, latent, decoded);
            long t1 = Stopwatch.GetTimestamp();
            long b1 = GC.GetAllocatedBytesForCurrentThread();
            engine.Process(block, output, hop);
            long t2 = Stopwatch.GetTimestamp();
            long b2 = GC.GetAllocatedBytesForCurrentThread();
            bare[i] = Stopwatch.GetElapsedTime(t0, t1).TotalMicroseconds;
            whole[i] = Stopwatch.GetElapsedTime(t1, t2).TotalMicroseconds;
            bareBytes += b1 - b0;
            engineBytes += b2 - b1;
        }

        int gcs = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2) - gcBefore;
        double hopMicros = hop * 1e6 / codec.SampleRate;
        return (HopTimings.From($"{name} model only", bare, hopMicros, bareBytes, gcs),
                HopTimings.From($"{name} engine", whole, hopMicros, engineBytes, gcs));
    }

    private static void BareHop(IStreamingCodec codec, ReadOnlySpan<float> audio, Span<float> latent, Span<float> decoded)
    {
        codec.Encode(audio, latent);
        codec.Decode(latent, decoded);
    }

    // Plucked notes with harmonics: the kind of signal the pedal sees; the model's cost does not depend on it.
    private static float[] TestSignal(int length, int rate)
    {
        var x = new float[length];
        for (int t = 0; t < length; t++)
        {
            double local = t % (rate / 2) / (double)rate;
            double f = 110 * (1 + (t / (rate / 2) % 4 * 0.25));
            x[t] = (float)(0.3 * (Math.Sin(2 * Math.PI * f * local) + (0.5 * Math.Sin(4 * Math.PI * f * local))) * Math.Exp(-5 * local));
        }

        return x;
    }
}
