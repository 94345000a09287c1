using LatentPlayground.Files;
using System.Buffers.Binary;
using System.Text.Json;

namespace LatentPlayground.Inference;

/// <summary>
/// A package's reference.json: the exporter's hop-by-hop torch outputs from reset, as base64
/// little-endian float32 rows. <see cref="Latent"/> is the encoder's output for each hop of
/// <see cref="Input"/>; <see cref="Output"/> is the decoder's output when fed <see cref="Latent"/>.
/// Thread: worker (reads a file).
/// </summary>
public sealed record PackageReference(int Hops, int Hop, int LatentSize, float[][] Input, float[][] Latent, float[][] Output)
{
    public static PackageReference Load(string path)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(InputFile.ReadAllBytes(path, InputFile.ManifestLimit, "reference file"));
            JsonElement root = doc.RootElement;
            int hops = root.GetProperty("hops").GetInt32();
            int hop = root.GetProperty("hop").GetInt32();
            int latentSize = root.GetProperty("latent_size").GetInt32();
            return new PackageReference(hops, hop, latentSize,
                Rows(path, root.GetProperty("input"), hops, hop),
                Rows(path, root.GetProperty("latent"), hops, latentSize),
                Rows(path, root.GetProperty("output"), hops, hop));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IOException)
        {
            throw ModelPackageException.For(path, $"not a readable reference file ({e.Message})", e);
        }
    }

    /// <summary>
    /// Runs the codec from reset over the reference and returns the largest differences, each relative
    /// to the largest reference value: the encoder on <see cref="Input"/>, the decoder fed <see cref="Latent"/>.
    /// The codec should hold its noise inputs at their deterministic values, as the exporter did.
    /// </summary>
    public (double Encoder, double Decoder) Compare(OnnxStreamingCodec codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        codec.Reset();
        var latent = new float[LatentSize];
        double encErr = 0, encMax = 0;
        for (int h = 0; h < Hops; h++)
        {
            codec.Encode(Input[h], latent);
            for (int i = 0; i < LatentSize; i++)
            {
                encErr = Math.Max(encErr, Math.Abs(latent[i] - Latent[h][i]));
                encMax = Math.Max(encMax, Math.Abs(Latent[h][i]));
            }
        }

        codec.Reset();
        var audio = new float[Hop];
        double decErr = 0, decMax = 0;
        for (int h = 0; h < Hops; h++)
        {
            codec.FeedInputAudio(Input[h]);
            codec.Decode(Latent[h], audio);
            for (int i = 0; i < Hop; i++)
            {
                decErr = Math.Max(decErr, Math.Abs(audio[i] - Output[h][i]));
                decMax = Math.Max(decMax, Math.Abs(Output[h][i]));
            }
        }

        codec.Reset();
        return (encErr / Math.Max(encMax, 1e-12), decErr / Math.Max(decMax, 1e-12));
    }

    private static float[][] Rows(string path, JsonElement tensor, int rows, int columns)
    {
        int[] shape = [.. tensor.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32())];
        byte[] bytes = Convert.FromBase64String(tensor.GetProperty("data").GetString()!);
        if (shape.Length != 2 || shape[0] != rows || shape[1] != columns || bytes.Length != rows * columns * sizeof(float))
        {
            throw ModelPackageException.For(path, $"a tensor of shape [{string.Join(", ", shape)}] where [{rows}, {columns}] was expected");
        }

        var result = new float[rows][];
        for (int r = 0; r < rows; r++)
        {
            result[r] = new float[columns];
            for (int c = 0; c < columns; c++)
            {
                result[r][c] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(((r * columns) + c) * sizeof(float)));
            }
        }

        return result;
    }
}
