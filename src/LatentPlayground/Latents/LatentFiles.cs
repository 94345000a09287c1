using LatentPlayground.Core.Latents;
using LatentPlayground.Files;

namespace LatentPlayground.Latents;

/// <summary>
/// Latent files on disk, .npy or latent WAV by their extension: read through <see cref="InputFile"/> (a regular
/// file, bounded), written atomically. Every problem is one line naming the file (exit code 2).
/// Thread: any non-real-time thread (allocates, blocks on disk I/O).
/// </summary>
public static class LatentFiles
{
    /// <summary>The largest latent file read: a float64 array at <see cref="LatentArray.MaxValues"/>.</summary>
    public const long MaxBytes = LatentArray.MaxValues * 8 + (1 << 16);

    /// <summary>Reads a latent file, .npy or latent WAV by its content (whatever its name says).</summary>
    /// <exception cref="UsageException">Neither, or not a usable latent array.</exception>
    /// <exception cref="InputFileException">Missing, not a regular file, too large.</exception>
    public static LatentArray Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = InputFile.ReadAllBytes(path, MaxBytes, "latent file");
        try
        {
            ReadOnlySpan<byte> start = bytes.AsSpan(0, Math.Min(4, bytes.Length));
            if (start.SequenceEqual("RIFF"u8))
            {
                return LatentWavCodec.Read(bytes).Array;
            }

            if (bytes.Length > 0 && bytes[0] == 0x93)
            {
                return NpyCodec.Read(bytes);
            }

            throw new LatentFormatException(bytes.Length == 0 ? "an empty file, not a latent file" : "neither a .npy file nor a latent WAV");
        }
        catch (LatentFormatException e)
        {
            throw new UsageException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Reads a latent file for a model of <paramref name="latentSize"/> dimensions.</summary>
    /// <exception cref="UsageException">As <see cref="Read"/>, or another dimension count.</exception>
    public static LatentArray ReadFor(string path, int latentSize, string modelName)
    {
        LatentArray array = Read(path);
        if (array.Dimensions != latentSize)
        {
            throw new UsageException($"{path}: {array.Dimensions} latent dimensions, but {modelName} has {latentSize}; a latent file plays only through a model of its own size");
        }

        return array;
    }

    /// <summary>Writes <paramref name="array"/> atomically: .npy in <paramref name="npyPrecision"/>, a latent WAV in float64.</summary>
    /// <param name="target">The path to write (from <see cref="OutputFile.Check"/>).</param>
    /// <param name="displayPath">The path as the user gave it.</param>
    /// <param name="latentRate">The model's latent rate, for a WAV's header.</param>
    public static void Write(string target, string displayPath, LatentArray array, double latentRate, LatentPrecision npyPrecision)
    {
        ArgumentNullException.ThrowIfNull(array);
        bool npy = IsNpy(displayPath);
        try
        {
            AtomicFile.Write(target, stream =>
            {
                if (npy)
                {
                    NpyCodec.Write(stream, array, npyPrecision);
                }
                else
                {
                    LatentWavCodec.Write(stream, array, latentRate, LatentPrecision.Bits64);
                }
            }, displayPath);
        }
        catch (LatentFormatException e)
        {
            throw new UsageException($"{displayPath}: {e.Message}", e);
        }
    }

    /// <summary>True for .npy, false for .wav.</summary>
    /// <exception cref="UsageException">Any other extension.</exception>
    public static bool IsNpy(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string extension = Path.GetExtension(path);
        if (extension.Equals(".npy", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (extension.Equals(".wav", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        throw new UsageException($"{path}: a latent file ends in .npy (numpy) or .wav (a latent WAV)");
    }
}
