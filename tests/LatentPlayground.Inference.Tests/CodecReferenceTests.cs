namespace LatentPlayground.Inference.Tests;

/// <summary>
/// The defining test of an exported model, on the C# side: ONNX Runtime run hop by hop through
/// IoBinding, carrying the state, gives what torch gave hop by hop.
/// </summary>
public sealed class CodecReferenceTests
{
    // The exporter's stated agreement; float summation order alone gives about 5e-7.
    private const float Tolerance = 1e-5f;

    public static TheoryData<string> Packages => TestPackages.AllData;

    [Theory]
    [MemberData(nameof(Packages))]
    public void Encoder_hop_by_hop_matches_torch(string package)
    {
        var reference = ReferenceVectors.Load(package);
        using var codec = new OnnxStreamingCodec(ModelPackage.Load(package));
        var latent = new float[codec.LatentSize];
        for (int h = 0; h < reference.Hops; h++)
        {
            codec.Encode(reference.Input[h], latent);
            AssertClose(reference.Latent[h], latent, $"encoder hop {h}");
        }
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Decoder_hop_by_hop_matches_torch(string package)
    {
        var reference = ReferenceVectors.Load(package);
        using var codec = new OnnxStreamingCodec(ModelPackage.Load(package));
        var audio = new float[codec.Hop];
        for (int h = 0; h < reference.Hops; h++)
        {
            codec.FeedInputAudio(reference.Input[h]); // the pedal's own models filter the hop the latent came from
            codec.Decode(reference.Latent[h], audio);
            AssertClose(reference.Output[h], audio, $"decoder hop {h}");
        }
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Reset_makes_a_second_run_identical_to_the_first(string package)
    {
        var reference = ReferenceVectors.Load(package);
        using var codec = new OnnxStreamingCodec(ModelPackage.Load(package));
        float[][] first = RunChain(codec, reference.Input);
        codec.Reset();
        float[][] second = RunChain(codec, reference.Input);
        for (int h = 0; h < first.Length; h++)
        {
            Assert.Equal(first[h], second[h]);
        }
    }

    [Int8GraphFact]
    public void Int8_reset_makes_a_second_run_identical_to_the_first()
    {
        foreach (string package in TestPackages.WithInt8)
        {
            var reference = ReferenceVectors.Load(package);
            using var codec = new OnnxStreamingCodec(ModelPackage.Load(package), new CodecOptions { Precision = ModelPrecision.Int8 });
            float[][] first = RunChain(codec, reference.Input);
            codec.Reset();
            float[][] second = RunChain(codec, reference.Input);
            for (int h = 0; h < first.Length; h++)
            {
                Assert.Equal(first[h], second[h]);
            }
        }
    }

    [Fact]
    public void Dropping_the_state_between_hops_is_detected()
    {
        // Guards the tests above: if the state did not matter, carrying it would prove nothing.
        var reference = ReferenceVectors.Load(TestPackages.Small);
        using var codec = new OnnxStreamingCodec(ModelPackage.Load(TestPackages.Small));
        var audio = new float[codec.Hop];
        float worst = 0;
        for (int h = 1; h < reference.Hops; h++)
        {
            codec.Reset();
            codec.FeedInputAudio(reference.Input[h]); // the pedal's own models filter the hop the latent came from
            codec.Decode(reference.Latent[h], audio);
            worst = Math.Max(worst, MaxAbsDifference(reference.Output[h], audio));
        }

        Assert.True(worst > 100 * Tolerance, $"state-less decoding differs by only {worst:g3}");
    }

    [Fact]
    public void Reference_output_is_not_trivially_small()
    {
        // A tolerance of 1e-5 means nothing against an output of 1e-6.
        var reference = ReferenceVectors.Load(TestPackages.Small);
        float peak = reference.Output.SelectMany(r => r).Max(Math.Abs);
        Assert.True(peak > 1e-2f, $"reference output peak {peak:g3}");
    }

    internal static float[][] RunChain(OnnxStreamingCodec codec, float[][] input)
    {
        var latent = new float[codec.LatentSize];
        var result = new float[input.Length][];
        for (int h = 0; h < input.Length; h++)
        {
            result[h] = new float[codec.Hop];
            codec.Encode(input[h], latent);
            codec.Decode(latent, result[h]);
        }

        return result;
    }

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        float diff = MaxAbsDifference(expected, actual);
        Assert.True(diff <= Tolerance, $"{what}: max abs difference {diff:g3} > {Tolerance:g3}");
    }

    private static float MaxAbsDifference(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        float worst = 0;
        for (int i = 0; i < a.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
        }

        return worst;
    }
}
