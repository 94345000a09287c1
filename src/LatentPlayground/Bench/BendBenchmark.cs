using System.Diagnostics;
using System.Globalization;
using System.Text;
using LatentPlayground.Core.Bending;
using LatentPlayground.Inference;
using LatentPlayground.Inference.Weights;

namespace LatentPlayground.Bench;

/// <summary>
/// What bending costs, in one run so the figures compare on a noisy machine: hop time (encode + decode) of the
/// int8 graphs the pedal plays unbent, of the fp32 graphs, of the fp32 graphs on live weights, and of those with a
/// layer staged before every hop (the inference thread's copy, the worst a Live-Mode sweep asks) for the smallest,
/// a middling and the largest decoder layer; and the control thread's time to re-derive each of those layers
/// (SCALE, and a gaussian DISTRIBUTION). The cases take turns, a block of hops each, so a burst of load on the
/// machine falls on all of them. Thread: main.
/// </summary>
public static class BendBenchmark
{
    private const int Block = 16;

    public static string Run(ModelPackage package, double seconds)
    {
        ArgumentNullException.ThrowIfNull(package);
        var codecs = new List<OnnxStreamingCodec>();
        try
        {
            var cases = new List<(string Name, OnnxStreamingCodec Codec, int Layer)>();
            if (package.Has(ModelPrecision.Int8))
            {
                codecs.Add(new OnnxStreamingCodec(package, new CodecOptions { Precision = ModelPrecision.Int8 }));
                cases.Add(("int8 (the pedal unbent)", codecs[^1], -1));
            }

            codecs.Add(new OnnxStreamingCodec(package, new CodecOptions { Precision = ModelPrecision.Fp32 }));
            cases.Add(("fp32", codecs[^1], -1));
            var bendable = new OnnxStreamingCodec(package, new CodecOptions { Bendable = true });
            codecs.Add(bendable);
            cases.Add(("fp32 on live weights, unbent", bendable, -1));
            LiveWeights decoder = bendable.DecoderWeights!;
            int[] bySize = [.. Enumerable.Range(0, decoder.Layers.Count).Where(i => !decoder.Layers[i].IsBias).OrderBy(i => decoder.Layers[i].Count)];
            int[] chosen = [bySize[0], bySize[bySize.Length / 2], bySize[^1]];
            foreach (int layer in chosen)
            {
                cases.Add((string.Create(CultureInfo.InvariantCulture, $"+ {decoder.Layers[layer].DisplayName} ({decoder.Layers[layer].Count} weights) staged every hop"), bendable, layer));
            }

            int hops = Math.Max(Block, (int)(seconds * package.SampleRate / package.Hop));
            double[][] times = [.. cases.Select(_ => new double[hops])];
            float[] audio = Riff(package.Hop, package.SampleRate), latent = new float[package.LatentSize], output = new float[package.Hop];
            for (int start = 0; start < hops; start += Block)
            {
                for (int c = 0; c < cases.Count; c++)
                {
                    (_, OnnxStreamingCodec codec, int layer) = cases[c];
                    for (int h = start; h < Math.Min(hops, start + Block); h++)
                    {
                        if (layer >= 0 && codec.DecoderStaging!.TryStage(layer, out Span<float> buffer))
                        {
                            decoder.Pristine(layer).CopyTo(buffer);
                            codec.DecoderStaging.Publish(layer);
                        }

                        long t0 = Stopwatch.GetTimestamp();
                        codec.Encode(audio.AsSpan((h % 8) * package.Hop, package.Hop), latent);
                        codec.Decode(latent, output);
                        times[c][h] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
                    }
                }
            }

            var text = new StringBuilder();
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"# bending cost, {package.Name}: {hops} hops of {package.Hop} samples per case, cases interleaved in blocks of {Block}"));
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{"hop (encode + decode)",-90} {"median us",10} {"p99 us",10} {"vs int8",8}"));
            double baseline = Median(times[0]);
            for (int c = 0; c < cases.Count; c++)
            {
                text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{cases[c].Name,-90} {Median(times[c]),10:0} {Percentile(times[c], 0.99),10:0} {Median(times[c]) / baseline,8:0.00}"));
            }

            text.AppendLine();
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{"re-derive a layer on the control thread (one Live-Mode tick)",-90} {"scale us",10} {"gaussian us",12} {"chaos sweep us",15}"));
            foreach (int layer in chosen)
            {
                ReadOnlySpan<float> pristine = decoder.Pristine(layer);
                float[] into = new float[pristine.Length];
                string name = decoder.Layers[layer].DisplayName;
                double scale = Time(() => WeightBender.Apply(BendStep.Scaled(name, 1.5), decoder.Pristine(layer), into));
                double gauss = Time(() => WeightBender.Apply(BendStep.Randomised(name, BendDistribution.Gaussian, 0.5, seed: 3), decoder.Pristine(layer), into));

                // A CHAOS sweep after its first tick: the session keeps the layer's draws and only re-blends.
                var draws = new BendDraws(pristine.Length);
                draws.Fill(BendDistribution.Gaussian, 3);
                double sweep = Time(() => WeightBender.Apply(BendStep.Randomised(name, BendDistribution.Gaussian, 0.7, seed: 3), decoder.Pristine(layer), draws, into));
                text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{name + $" ({pristine.Length} weights)",-90} {scale,10:0} {gauss,12:0} {sweep,15:0}"));
            }

            return text.ToString();
        }
        finally
        {
            foreach (OnnxStreamingCodec c in codecs)
            {
                c.Dispose();
            }
        }
    }

    private static double Time(Action work)
    {
        work();
        var samples = new double[15];
        for (int i = 0; i < samples.Length; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            work();
            samples[i] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
        }

        return Median(samples);
    }

    private static double Median(double[] values) => Percentile(values, 0.5);

    private static double Percentile(double[] values, double p)
    {
        double[] sorted = [.. values.Order()];
        return sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
    }

    // Eight hops of a plucked-string-like tone: any sound exercises the same kernels; this one is not silence.
    private static float[] Riff(int hop, int rate)
    {
        var x = new float[hop * 8];
        for (int i = 0; i < x.Length; i++)
        {
            double t = (double)(i % (hop * 2)) / rate;
            x[i] = (float)(0.4 * Math.Exp(-6 * t) * Math.Sin(2 * Math.PI * 110 * (1 + (i / (hop * 2))) * t));
        }

        return x;
    }
}
