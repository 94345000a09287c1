using System.Diagnostics;
using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Xy;

namespace LatentPlayground.Bench;

/// <summary>What one XY prediction costs against one engine hop, timed in turn on the same thread.</summary>
/// <param name="Outputs">Parameters the mapping drives.</param>
/// <param name="Hidden">Hidden units per layer of its network.</param>
/// <param name="PredictMedianMicroseconds">One <see cref="XyMapping.Predict"/>, median over the timed batches.</param>
/// <param name="BytesPerPredict">Managed bytes allocated per prediction.</param>
/// <param name="EngineName">The engine hop it is set against.</param>
/// <param name="EngineHopMedianMicroseconds">One engine hop, median over the hops timed between the batches.</param>
public sealed record XyTimings(int Outputs, int Hidden, double PredictMedianMicroseconds, double BytesPerPredict, string EngineName, double EngineHopMedianMicroseconds)
{
    /// <summary>A prediction's share of an engine hop: PREDICT runs once per hop, so this is what it adds.</summary>
    public double ShareOfHop => PredictMedianMicroseconds / EngineHopMedianMicroseconds;
}

/// <summary>
/// Times the XY prediction the pedal runs at every latent frame: a full mapping (every group over eight dimensions,
/// 33 outputs), trained, predicted at moving positions, in batches interleaved with hops of the engine around the
/// model, so both see the same machine load. About a second. Thread: the caller's.
/// </summary>
public static class XyBenchmark
{
    /// <summary>Predictions per timed batch: one takes about a microsecond, too short to time alone.</summary>
    public const int Batch = 64;

    public static XyTimings Run(IStreamingCodec codec, string engineName, int hops = 200)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentOutOfRangeException.ThrowIfLessThan(hops, 1);
        XyMapping mapping = FullMapping();
        var values = new double[mapping.Parameters.Count];
        double[] xs = new double[Batch], ys = new double[Batch];
        for (int i = 0; i < Batch; i++)
        {
            xs[i] = 0.5 + (0.45 * Math.Cos(2 * Math.PI * i / Batch));
            ys[i] = 0.5 + (0.45 * Math.Sin(6 * Math.PI * i / Batch));
        }

        var engine = new OfflineEngine(codec, 1);
        foreach (ParameterDescriptor d in ParameterTable.All)
        {
            engine.Post(new ParameterChange(d.Id, d.Default));
        }

        engine.ApplyPendingImmediately();
        int hop = codec.Hop;
        var input = new float[hop];
        var output = new float[hop];
        for (int t = 0; t < hop; t++)
        {
            input[t] = (float)(0.3 * Math.Sin(2 * Math.PI * 196 * t / codec.SampleRate));
        }

        var predict = new double[hops];
        var engineHop = new double[hops];
        long bytes = 0;
        for (int i = -16; i < hops; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            engine.Process(input, output, hop);
            long t1 = Stopwatch.GetTimestamp();
            long b0 = GC.GetAllocatedBytesForCurrentThread();
            for (int k = 0; k < Batch; k++)
            {
                _ = mapping.Predict(xs[k], ys[k], values);
            }

            long t2 = Stopwatch.GetTimestamp();
            long b1 = GC.GetAllocatedBytesForCurrentThread();

            // The first sixteen warm the JIT and ONNX Runtime's lazy buffers, and are not kept.
            if (i >= 0)
            {
                engineHop[i] = Stopwatch.GetElapsedTime(t0, t1).TotalMicroseconds;
                predict[i] = Stopwatch.GetElapsedTime(t1, t2).TotalMicroseconds / Batch;
                bytes += b1 - b0;
            }
        }

        return new XyTimings(mapping.Parameters.Count, mapping.Network!.Hidden, Median(predict), (double)bytes / (hops * Batch), engineName, Median(engineHop));
    }

    // Every group over every dimension, on eight seeded points: the largest mapping the pedal predicts. A short
    // training is enough, as what a prediction costs does not depend on the weights.
    private static XyMapping FullMapping()
    {
        var mapping = new XyMapping(XyGroups.All);
        var random = new Random(17);
        for (int p = 0; p < 8; p++)
        {
            double[] values = [.. mapping.Parameters.Select(id => ParameterTable.Get(id).FromNormalized(random.NextDouble()))];
            mapping.Add(new XyMapPoint(random.NextDouble(), random.NextDouble(), values));
        }

        XyTrainingResult trained = mapping.Train(epochs: 300);
        mapping.Adopt(trained.Network, trained.FinalLoss);
        return mapping;
    }

    private static double Median(double[] values)
    {
        double[] sorted = [.. values.Order()];
        return sorted[sorted.Length / 2];
    }
}
