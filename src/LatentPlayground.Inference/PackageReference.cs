using LatentPlayground.Files;
using System.Buffers.Binary;
using LatentPlayground.Core.Json;

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
        byte[] bytes;
        try
        {
            bytes = InputFile.ReadAllBytes(path, InputFile.ManifestLimit, "reference file");
        }
        catch (Exception e) when (e is InputFileException or IOException or UnauthorizedAccessException)
        {
            throw ModelPackageException.For(path, $"not a readable reference file ({e.Message})", e);
        }

        var errors = new PackageFileErrors(path);
        ReferenceContract r = JsonFile.Read<ReferenceContract>(bytes, ManifestContext.Default.ReferenceContract, errors);
        int hops = errors.Count(r.Hops, "hops", 1), hop = errors.Count(r.Hop, "hop", 1), latentSize = errors.Count(r.LatentSize, "latent_size", 1);
        return new PackageReference(hops, hop, latentSize,
            Rows(errors, r.Input, "input", hops, hop),
            Rows(errors, r.Latent, "latent", hops, latentSize),
            Rows(errors, r.Output, "output", hops, hop));
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

    private static float[][] Rows(PackageFileErrors errors, ReferenceTensorContract? tensor, string field, int rows, int columns)
    {
        ReferenceTensorContract t = errors.Required(tensor, field);
        List<int> shape = errors.Required(t.Shape, $"{field}.shape");
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(errors.Required(t.Data, $"{field}.data"));
        }
        catch (FormatException)
        {
            throw errors.Bad($"{field}.data", "must be base64 float32 rows");
        }

        if (shape.Count != 2 || shape[0] != rows || shape[1] != columns || bytes.Length != rows * columns * sizeof(float))
        {
            throw errors.Bad(field, $"is a tensor of shape [{string.Join(", ", shape)}] where [{rows}, {columns}] was expected");
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
