using LatentPlayground.Inference.Weights;

namespace LatentPlayground.Inference.Tests;

/// <summary>
/// Weight access for bending, on every committed package (the small test package and the bundled default): the
/// bendable layers are listed with their shapes and values as exported; a bendable codec computes exactly what the
/// plain fp32 codec computes; a value written into a live layer changes what the graph computes at its next run,
/// with no session rebuilt; and putting the exported values back gives the unbent output bit for bit.
/// </summary>
[Collection(AllocationCollection.Name)]
public sealed class LiveWeightsTests
{
    public static TheoryData<string> Packages()
    {
        var data = new TheoryData<string> { TestPackages.Small };
        foreach (string p in TestPackages.Committed)
        {
            data.Add(p);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Every_convolution_weight_and_bias_is_listed_at_full_resolution(string folder)
    {
        ModelPackage package = ModelPackage.Load(folder);
        foreach (GraphRole role in new[] { GraphRole.Encoder, GraphRole.Decoder })
        {
            IReadOnlyList<WeightLayer> layers = OnnxWeights.Read(package.GraphPath(role, ModelPrecision.Fp32), role.ToString().ToLowerInvariant());
            Assert.NotEmpty(layers);
            Assert.Contains(layers, l => !l.IsBias);
            foreach (WeightLayer l in layers)
            {
                Assert.Equal(l.Shape.Aggregate(1L, (a, d) => a * d), l.Count);
                Assert.All(l.Values, v => Assert.True(float.IsFinite(v)));
                Assert.StartsWith(role == GraphRole.Encoder ? "encoder:" : "decoder:", l.DisplayName, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void A_write_into_a_live_layer_changes_the_next_run_and_restoring_it_gives_the_unbent_output_bit_for_bit(string folder)
    {
        ModelPackage package = ModelPackage.Load(folder);
        using var plain = new OnnxStreamingCodec(package, new CodecOptions { WarmUpHops = 1 });
        using var bendable = new OnnxStreamingCodec(package, new CodecOptions { WarmUpHops = 1, Bendable = true });
        float[] input = Tone(plain.Hop * 4, plain.SampleRate);

        float[] reference = Play(plain, input);
        float[] unbent = Play(bendable, input);
        Assert.Equal(reference, unbent);

        // The decoder's largest kernel at half its value: the output must move.
        LiveWeights decoder = bendable.DecoderWeights!;
        int layer = Enumerable.Range(0, decoder.Layers.Count).Where(i => !decoder.Layers[i].IsBias).MaxBy(i => decoder.Layers[i].Count);
        Span<float> weights = decoder.Values(layer);
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] *= -1f;
        }

        float[] bent = Play(bendable, input);
        double difference = bent.Zip(unbent, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(difference > 1e-4, $"flipping {decoder.Layers[layer].DisplayName} moved the output by only {difference}");

        decoder.Restore();
        Assert.Equal(unbent, Play(bendable, input));

        // The encoder's too.
        LiveWeights encoder = bendable.EncoderWeights!;
        int first = Enumerable.Range(0, encoder.Layers.Count).First(i => !encoder.Layers[i].IsBias && encoder.Layers[i].Name.Contains("encoder", StringComparison.Ordinal));
        encoder.Values(first).Clear();
        Assert.NotEqual(unbent, Play(bendable, input));
        encoder.Restore();
        Assert.Equal(unbent, Play(bendable, input));
    }

    [Fact]
    public void A_bendable_codec_is_fp32()
    {
        ModelPackage package = ModelPackage.Load(TestPackages.Small);
        Assert.Throws<ArgumentException>(() => new OnnxStreamingCodec(package, new CodecOptions { Precision = ModelPrecision.Int8, Bendable = true }));
    }

    [Fact]
    public void Staged_layers_reach_the_graph_whole_between_two_runs_while_a_producer_keeps_staging()
    {
        ModelPackage package = ModelPackage.Load(TestPackages.Small);
        using var codec = new OnnxStreamingCodec(package, new CodecOptions { WarmUpHops = 1, Bendable = true });
        WeightStaging staging = codec.DecoderStaging!;
        int layer = Enumerable.Range(0, staging.Live.Layers.Count).MaxBy(i => staging.Live.Layers[i].Count);
        float[] audio = new float[codec.Hop], latent = new float[codec.LatentSize], output = new float[codec.Hop];
        using var stop = new CancellationTokenSource();
        int published = 0;

        // A first bend before the producer starts: the layer's exported values are not one value, and the first hop
        // must already find a whole bend to check.
        Assert.True(staging.TryStage(layer, out Span<float> first));
        first.Clear();
        staging.Publish(layer);

        // The producer fills the whole layer with one value per bend; a torn copy would mix two values.
        var producer = new Thread(() =>
        {
            for (int k = 1; !stop.IsCancellationRequested; k++)
            {
                if (staging.TryStage(layer, out Span<float> buffer))
                {
                    buffer.Fill(k);
                    staging.Publish(layer);
                    Interlocked.Increment(ref published);
                }
            }
        });
        producer.Start();
        int hops = 0, distinct = 0;
        float last = float.NaN;
        while (hops < 400 || Volatile.Read(ref published) < 20)
        {
            codec.Encode(audio, latent); // takes what was published, then runs
            codec.Decode(latent, output);
            ReadOnlySpan<float> live = staging.Live.Values(layer);
            float value = live[0];
            Assert.True(live.IndexOfAnyExcept(value) < 0, $"hop {hops}: the layer holds more than one bend");
            distinct += value != last ? 1 : 0;
            last = value;
            hops++;
        }

        stop.Cancel();
        producer.Join();
        Assert.True(distinct > 10, $"only {distinct} bends reached the graph in {hops} hops");
    }

    [Fact]
    public void Taking_staged_layers_allocates_nothing()
    {
        ModelPackage package = ModelPackage.Load(TestPackages.Small);
        using var codec = new OnnxStreamingCodec(package, new CodecOptions { WarmUpHops = 1, Bendable = true });
        WeightStaging staging = codec.DecoderStaging!;
        float[] audio = new float[codec.Hop], latent = new float[codec.LatentSize], output = new float[codec.Hop];
        Hops(codec, staging, audio, latent, output, 50);

        // As in the other allocation tests: the runtime may charge a one-off housekeeping allocation to the running
        // thread when tiering kicks in; garbage made per hop shows in every pass.
        var allocated = new long[3];
        int collections = GC.CollectionCount(0);
        for (int pass = 0; pass < allocated.Length; pass++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Hops(codec, staging, audio, latent, output, 200);
            allocated[pass] = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated[pass] == 0)
            {
                break;
            }
        }

        Assert.True(allocated.Contains(0), $"{string.Join(", ", allocated)} bytes per 200 hops with a layer staged before each");
        Assert.Equal(collections, GC.CollectionCount(0));
    }

    private static void Hops(OnnxStreamingCodec codec, WeightStaging staging, float[] audio, float[] latent, float[] output, int count)
    {
        for (int hop = 0; hop < count; hop++)
        {
            Stage(staging, hop);
            codec.Encode(audio, latent);
            codec.Decode(latent, output);
        }
    }

    private static void Stage(WeightStaging staging, int k)
    {
        int layer = k % staging.Live.Layers.Count;
        if (staging.TryStage(layer, out Span<float> buffer))
        {
            staging.Live.Pristine(layer).CopyTo(buffer);
            buffer[0] = k;
            staging.Publish(layer);
        }
    }

    private static float[] Play(OnnxStreamingCodec codec, float[] input)
    {
        codec.Reset();
        float[] output = new float[input.Length], latent = new float[codec.LatentSize];
        for (int h = 0; h + codec.Hop <= input.Length; h += codec.Hop)
        {
            codec.Encode(input.AsSpan(h, codec.Hop), latent);
            codec.Decode(latent, output.AsSpan(h, codec.Hop));
        }

        return output;
    }

    private static float[] Tone(int length, int rate)
    {
        var x = new float[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = (float)(0.3 * Math.Sin(2 * Math.PI * 196 * i / rate) * (1 + (0.5 * Math.Sin(2 * Math.PI * 3 * i / rate))));
        }

        return x;
    }
}
