using LatentPlayground.Inference;

namespace LatentPlayground.Render;

/// <summary>
/// Opens model packages with ONNX Runtime. With no folder given, the bundled default model: the
/// LATENTPLAYGROUND_MODEL environment variable if set, else <c>Assets/models/default</c> next to the executable.
/// </summary>
public sealed class OnnxCodecSource : ICodecSource
{
    public static string DefaultModelFolder =>
        Environment.GetEnvironmentVariable("LATENTPLAYGROUND_MODEL") is { Length: > 0 } env
            ? env
            : Path.Combine(AppContext.BaseDirectory, "Assets", "models", "default");

    public OpenedCodec Open(string? modelFolder, string? precision) => Open(modelFolder, precision, ModelNoise.Default);

    public OpenedCodec Open(string? modelFolder, string? precision, ModelNoise noise) => Open(modelFolder, precision, noise, bendable: false);

    public OpenedCodec OpenBendable(string? modelFolder, ModelNoise noise) => Open(modelFolder, "fp32", noise, bendable: true);

    private static OpenedCodec Open(string? modelFolder, string? precision, ModelNoise noise, bool bendable)
    {
        ArgumentNullException.ThrowIfNull(noise);
        string folder = modelFolder ?? DefaultModelFolder;
        ModelPackage package;
        try
        {
            package = ModelPackage.Load(folder);
        }
        catch (ModelPackageException e)
        {
            throw new UsageException(e.Message, e);
        }

        ModelPrecision chosen = precision switch
        {
            null => package.BestPrecision,
            "int8" => ModelPrecision.Int8,
            _ => ModelPrecision.Fp32,
        };
        if (!package.Has(chosen))
        {
            throw new UsageException($"{folder}: the package has no {precision} graphs (it has {string.Join(", ", package.Precisions).ToLowerInvariant()})");
        }

        try
        {
            var codec = new OnnxStreamingCodec(package, new CodecOptions { Precision = chosen, DeterministicNoise = !noise.Draw, NoiseSeed = noise.Seed, Bendable = bendable });
            return new OpenedCodec(codec, $"{package.Name} ({chosen.ToString().ToLowerInvariant()})", codec);
        }
        catch (ModelPackageException e)
        {
            throw new UsageException(e.Message, e);
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException e)
        {
            throw new UsageException($"{folder}: ONNX Runtime cannot run the model: {e.Message.Split('\n')[0]}", e);
        }
    }
}
