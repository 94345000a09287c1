using System.Diagnostics;
using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Bench;

/// <summary>
/// Times each codec alone (encode + decode per hop) and the whole engine around it on the same audio.
/// All runs are interleaved hop by hop (codec 1 bare, codec 1 engine, codec 2 bare, ...), so every
/// figure sees the same machine load: the ratios between them are what a shared, noisy machine can
/// still measure honestly. Thread: one thread, the caller's.
/// </summary>
public static class ModelBenchmark
{
    public static IReadOnlyList<(HopTimings Bare, HopTimings Engine)> Run(IReadOnlyList<(IStreamingCodec Codec, string Name)> codecs, double seconds)
    {
        ArgumentNullException.ThrowIfNull(codecs);
        if (codecs.Count == 0)
        {
            return [];
        }

        int hop = codecs[0].Codec.Hop;
        int rate = codecs[0].Codec.SampleRate;
        int hops = Math.Max(20, (int)(seconds * rate / hop));
        float[] audio = TestSignal(hop * 64, rate);
        var runs = new Timed[codecs.Count];
        for (int c = 0; c < codecs.Count; c++)
        {
            runs[c] = new Timed(codecs[c].Codec, hops);
        }

        // Warm every path: first runs pay for lazy allocations inside ONNX Runtime and the JIT.
        for (int i = 0; i < 16; i++)
        {
            foreach (Timed run in runs)
            {
                run.Hop(audio.AsSpan((i % 64) * hop, hop), -1, engineFirst: false);
            }
        }

        int gcBefore = GcCount();
        for (int start = 0; start < hops; start += Chunk)
        {
            // Each codec runs a chunk of hops in turn, in an order that rotates per chunk, so all see
            // the same machine load over the run while each keeps its own weights in cache, as on the
            // pedal. Within a chunk bare and engine alternate which goes first.
            for (int k = 0; k < runs.Length; k++)
            {
                Timed run = runs[(start / Chunk + k) % runs.Length];
                // One unrecorded hop first: the previous chunk's codec has just evicted this one's
                // weights, and a cold hop would always land on whichever path runs first.
                run.Hop(audio.AsSpan((start % 64) * hop, hop), -1, engineFirst: false);
                for (int i = start; i < Math.Min(hops, start + Chunk); i++)
                {
                    run.Hop(audio.AsSpan((i % 64) * hop, hop), i, engineFirst: i % 2 == 1);
                }
            }
        }

        int gcs = GcCount() - gcBefore;
        double hopMicros = hop * 1e6 / rate;
        var result = new List<(HopTimings, HopTimings)>(codecs.Count);
        for (int c = 0; c < codecs.Count; c++)
        {
            Timed run = runs[c];
            result.Add((HopTimings.From($"{codecs[c].Name} model only", run.Bare, hopMicros, run.BareBytes, gcs),
                        HopTimings.From($"{codecs[c].Name} engine", run.Whole, hopMicros, run.EngineBytes, gcs)));
        }

        return result;
    }

    private const int Chunk = 16;

    /// <summary>
    /// The engine's own cost per hop: the engine around a codec that replays <paramref name="codec"/>'s
    /// output at no cost, so that it is measured directly and not as a difference of two noisy times.
    /// </summary>
    public static HopTimings EngineAlone(IStreamingCodec codec, double seconds)
    {
        ArgumentNullException.ThrowIfNull(codec);
        int hop = codec.Hop;
        float[] audio = TestSignal(hop * 64, codec.SampleRate);
        var latent = new float[codec.LatentSize];
        var decoded = new float[64][];
        codec.Reset();
        for (int i = 0; i < 64; i++)
        {
            decoded[i] = new float[hop];
            codec.Encode(audio.AsSpan(i * hop, hop), latent);
            codec.Decode(latent, decoded[i]);
        }

        codec.Reset();
        var replay = new ReplayCodec(codec, decoded);
        int hops = Math.Max(20, (int)(seconds * codec.SampleRate / hop));
        var run = new Timed(replay, hops);
        for (int i = 0; i < 16; i++)
        {
            run.Hop(audio.AsSpan((i % 64) * hop, hop), -1, engineFirst: true);
        }

        int gcBefore = GcCount();
        for (int i = 0; i < hops; i++)
        {
            run.Hop(audio.AsSpan((i % 64) * hop, hop), i, engineFirst: true);
        }

        return HopTimings.From("engine around a zero-cost codec", run.Whole, hop * 1e6 / codec.SampleRate, run.EngineBytes, GcCount() - gcBefore);
    }

    private static int GcCount() => GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);

    /// <summary>One codec's bare calls and its own engine, with their per-hop times and bytes.</summary>
    private sealed class Timed
    {
        private readonly IStreamingCodec _codec;
        private readonly OfflineEngine _engine;
        private readonly float[] _latent;
        private readonly float[] _decoded;
        private readonly float[] _output;

        public Timed(IStreamingCodec codec, int hops)
        {
            _codec = codec;
            _latent = new float[codec.LatentSize];
            _decoded = new float[codec.Hop];
            _output = new float[codec.Hop];
            Bare = new double[hops];
            Whole = new double[hops];
            _engine = new OfflineEngine(_codec, 1);
            foreach (ParameterDescriptor d in ParameterTable.All)
            {
                _engine.Post(new ParameterChange(d.Id, d.Default));
            }

            _engine.ApplyPendingImmediately();
        }

        public double[] Bare { get; }

        public double[] Whole { get; }

        public long BareBytes { get; private set; }

        public long EngineBytes { get; private set; }

        /// <summary>One bare hop and one engine hop, in the order asked; index -1 warms up without recording.</summary>
        public void Hop(ReadOnlySpan<float> block, int index, bool engineFirst)
        {
            if (engineFirst)
            {
                TimeEngine(block, index);
                TimeBare(block, index);
            }
            else
            {
                TimeBare(block, index);
                TimeEngine(block, index);
            }
        }

        private void TimeBare(ReadOnlySpan<float> block, int index)
        {
            long b0 = GC.GetAllocatedBytesForCurrentThread();
            long t0 = Stopwatch.GetTimestamp();
            _codec.Encode(block, _latent);
            _codec.Decode(_latent, _decoded);
            long t1 = Stopwatch.GetTimestamp();
            long b1 = GC.GetAllocatedBytesForCurrentThread();
            if (index >= 0)
            {
                Bare[index] = Stopwatch.GetElapsedTime(t0, t1).TotalMicroseconds;
                BareBytes += b1 - b0;
            }
        }

        private void TimeEngine(ReadOnlySpan<float> block, int index)
        {
            long b0 = GC.GetAllocatedBytesForCurrentThread();
            long t0 = Stopwatch.GetTimestamp();
            _engine.Process(block, _output, _codec.Hop);
            long t1 = Stopwatch.GetTimestamp();
            long b1 = GC.GetAllocatedBytesForCurrentThread();
            if (index >= 0)
            {
                Whole[index] = Stopwatch.GetElapsedTime(t0, t1).TotalMicroseconds;
                EngineBytes += b1 - b0;
            }
        }
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
