using System.Buffers.Binary;
using System.Text.Json;

namespace LatentPlayground.Inference.Tests;

/// <summary>
/// The exporter's reference.json: torch's hop-by-hop outputs from reset, base64 little-endian float32
/// rows. <see cref="Latent"/> is the encoder's output per hop of <see cref="Input"/>; <see cref="Output"/>
/// is the decoder's output fed <see cref="Latent"/>.
/// </summary>
internal sealed record ReferenceVectors(int Hops, int Hop, int LatentSize, float[][] Input, float[][] Latent, float[][] Output)
{
    public static ReferenceVectors Load(string packageFolder)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(packageFolder, "reference.json")));
        JsonElement root = doc.RootElement;
        int hops = root.GetProperty("hops").GetInt32();
        int hop = root.GetProperty("hop").GetInt32();
        int latentSize = root.GetProperty("latent_size").GetInt32();
        return new ReferenceVectors(hops, hop, latentSize,
            Rows(root.GetProperty("input"), hops, hop),
            Rows(root.GetProperty("latent"), hops, latentSize),
            Rows(root.GetProperty("output"), hops, hop));
    }

    private static float[][] Rows(JsonElement tensor, int rows, int columns)
    {
        int[] shape = [.. tensor.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32())];
        Assert.Equal([rows, columns], shape);
        byte[] bytes = Convert.FromBase64String(tensor.GetProperty("data").GetString()!);
        Assert.Equal(rows * columns * sizeof(float), bytes.Length);
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
