using System.Globalization;
using System.Text.Json.Nodes;

namespace LatentPlayground.Inference.Tests;

/// <summary>
/// A valid model package of any hop, latent size and sample rate, written to a temporary folder (deleted
/// on dispose): the shapes an imported RAVE model brings, without a trained model. Its encoder is one
/// strided Conv that takes the mean of each of L equal parts of the hop (latent d = mean of part d); its
/// decoder is one ConvTranspose that holds latent d over part d. So decode(encode(x)) is x's staircase of
/// part means, in the same hop: no streaming state and no latency of its own.
/// Thread: any one.
/// </summary>
internal sealed class SyntheticPackage : IDisposable
{
    public SyntheticPackage(int hop, int latentSize, int sampleRate, string? name = null)
    {
        Hop = hop;
        LatentSize = latentSize;
        SampleRate = sampleRate;
        Folder = Path.Combine(Path.GetTempPath(), "lp-synthetic-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);

        long[] audio = [1, 1, hop];
        long[] latent = [1, latentSize, 1];
        long[] weightShape = [latentSize, 1, hop];
        var encoderWeight = new float[latentSize * hop];
        var decoderWeight = new float[latentSize * hop];
        for (int k = 0; k < hop; k++)
        {
            int d = Part(k, hop, latentSize);
            encoderWeight[(d * hop) + k] = 1f / PartLength(d, hop, latentSize);
            decoderWeight[(d * hop) + k] = 1f;
        }

        File.WriteAllBytes(PathOf("encoder.onnx"), OnnxGraphWriter.SingleNode("Conv", ("audio", audio), ("latent", latent), weightShape, encoderWeight, hop, Metadata("encoder")));
        File.WriteAllBytes(PathOf("decoder.onnx"), OnnxGraphWriter.SingleNode("ConvTranspose", ("latent", latent), ("audio", audio), weightShape, decoderWeight, hop, Metadata("decoder")));

        var manifest = new JsonObject
        {
            ["name"] = name ?? $"synthetic-L{latentSize}-hop{hop}-{sampleRate}",
            ["sample_rate"] = sampleRate,
            ["hop"] = hop,
            ["latent_size"] = latentSize,
            ["channels"] = 1,
            ["quantisation"] = "fp32",
            ["latency_samples"] = 0,
            ["encoder"] = Graph("encoder.onnx", ("audio", audio), ("latent", latent)),
            ["decoder"] = Graph("decoder.onnx", ("latent", latent), ("audio", audio)),
            ["licence"] = "test fixture",
        };
        File.WriteAllText(PathOf("model.json"), manifest.ToJsonString());
    }

    public string Folder { get; }

    public int Hop { get; }

    public int LatentSize { get; }

    public int SampleRate { get; }

    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>What the encoder gives for one hop: the mean of each of the L parts.</summary>
    public static float[] ExpectedLatent(ReadOnlySpan<float> hop, int latentSize)
    {
        var latent = new float[latentSize];
        for (int k = 0; k < hop.Length; k++)
        {
            latent[Part(k, hop.Length, latentSize)] += hop[k];
        }

        for (int d = 0; d < latentSize; d++)
        {
            latent[d] /= PartLength(d, hop.Length, latentSize);
        }

        return latent;
    }

    /// <summary>What the decoder gives for one latent frame: latent d held over part d of the hop.</summary>
    public static float[] ExpectedAudio(ReadOnlySpan<float> latent, int hop)
    {
        var audio = new float[hop];
        for (int k = 0; k < hop; k++)
        {
            audio[k] = latent[Part(k, hop, latent.Length)];
        }

        return audio;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing a test over it is not.
        }
    }

    private static int Part(int sample, int hop, int latentSize) => (int)((long)sample * latentSize / hop);

    private static int PartLength(int part, int hop, int latentSize)
    {
        int first = (int)((((long)part * hop) + latentSize - 1) / latentSize);
        int end = (int)((((long)(part + 1) * hop) + latentSize - 1) / latentSize);
        return end - first;
    }

    private static JsonObject Graph(string file, (string Name, long[] Shape) input, (string Name, long[] Shape) output) => new()
    {
        ["file"] = file,
        ["input"] = new JsonObject { ["name"] = input.Name, ["shape"] = new JsonArray([.. input.Shape.Select(d => JsonValue.Create(d))]) },
        ["output"] = new JsonObject { ["name"] = output.Name, ["shape"] = new JsonArray([.. output.Shape.Select(d => JsonValue.Create(d))]) },
        ["states"] = new JsonArray(),
    };

    private Dictionary<string, string> Metadata(string graph) => new()
    {
        ["graph"] = graph,
        ["sample_rate"] = SampleRate.ToString(CultureInfo.InvariantCulture),
        ["hop"] = Hop.ToString(CultureInfo.InvariantCulture),
        ["latent_size"] = LatentSize.ToString(CultureInfo.InvariantCulture),
        ["channels"] = "1",
    };
}
