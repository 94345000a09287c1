using LatentPlayground.Files;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LatentPlayground.Inference;

namespace LatentPlayground.Models;

/// <summary>
/// <c>model import</c>: converts a RAVE TorchScript export into a model package and proves it before the
/// package appears. The Python toolchain (<c>lpexport.rave.importer</c>) reads the file, checks its own
/// graphs against the TorchScript module in its streaming mode, and writes the package into a hidden
/// folder beside the destination. Then ONNX Runtime runs what was written: the fp32 graphs must match
/// the reference vectors to 1e-4 relative, and the int8 graphs are kept only if they stay within
/// <see cref="Int8MinimumSnrDb"/> of fp32 on the reference audio. Only then is the folder renamed into
/// place, so a failed import leaves nothing at the destination.
/// Thread: main (runs a process, writes files).
/// </summary>
public sealed class RaveImport(TextWriter progress)
{
    public const double Tolerance = 1e-4;
    public const double Int8MinimumSnrDb = 20.0;
    private const string Module = "rave.importer";

    // The largest RAVE exports are a few hundred MB; a file many times that is not one.
    private const long MaxModelBytes = 4L << 30;

    /// <summary>What the import measured, for the summary line.</summary>
    public sealed record Result(string Folder, string Name, int SampleRate, int Hop, int LatentSize, int LatencySamples,
        double TorchEncoderError, double TorchDecoderError, double OrtEncoderError, double OrtDecoderError, double? Int8SnrDb, bool Int8Kept);

    /// <summary>Imports; throws <see cref="UsageException"/> for a file that cannot be converted, <see cref="IOException"/> for a failed write.</summary>
    public Result Run(string source, string destination, string? name, bool quantise)
    {
        string target = Path.GetFullPath(destination);
        if (File.Exists(target) || (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any()))
        {
            throw new UsageException($"--out: {destination} already exists and is not an empty folder");
        }

        if (!File.Exists(source))
        {
            throw new UsageException(Directory.Exists(source) ? $"{source}: is a folder, not a RAVE .ts file" : $"{source}: no such file");
        }

        // torch would block forever on a FIFO and read /dev/zero until memory runs out: a regular file, bounded.
        InputFile.OpenRegular(source, MaxModelBytes, "RAVE model").Dispose();
        try
        {
            OutputFile.CheckFolderToCreate(destination, "model folder");
        }
        catch (InputFileException e)
        {
            throw new UsageException($"--out: {e.Message}", e);
        }

        string toolchain = Toolchain.Find(Module) ?? throw new UsageException(
            "model import needs the model toolchain (src/export/lpexport, shipped in toolchain/ next to the program); it is missing");
        if (!File.Exists(Toolchain.Python))
        {
            throw new UsageException($"model import needs Debian's python3-torch and python3-onnx ({Toolchain.Python} is missing): sudo apt-get install python3-torch python3-onnx python3-numpy");
        }

        string parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        string work = Path.Combine(parent, $".import-{Path.GetFileName(target)}-{Environment.ProcessId}");
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        try
        {
            Convert(toolchain, source, work, name, quantise);
            Result result = Prove(work);
            if (Directory.Exists(target))
            {
                Directory.Delete(target); // empty, checked above
            }

            Directory.Move(work, target);
            return result with { Folder = target };
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private void Convert(string toolchain, string source, string work, string? name, bool quantise)
    {
        var start = new ProcessStartInfo(Toolchain.Python)
        {
            WorkingDirectory = toolchain,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-m");
        start.ArgumentList.Add("lpexport." + Module);
        start.ArgumentList.Add(Path.GetFullPath(source));
        start.ArgumentList.Add("--out");
        start.ArgumentList.Add(work);
        if (name is not null)
        {
            start.ArgumentList.Add("--name");
            start.ArgumentList.Add(name);
        }

        if (!quantise)
        {
            start.ArgumentList.Add("--no-int8");
        }

        start.Environment["PYTHONWARNINGS"] = "ignore";
        using Process process = Process.Start(start) ?? throw new IOException($"cannot start {Toolchain.Python}");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (line.StartsWith("progress: ", StringComparison.Ordinal))
            {
                progress.WriteLine(line["progress: ".Length..]);
            }
        }

        process.WaitForExit();
        if (process.ExitCode == 0)
        {
            return;
        }

        string[] lines = stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string? error = lines.LastOrDefault(l => l.StartsWith("error: ", StringComparison.Ordinal))?["error: ".Length..];
        if (error is null && lines.Any(l => l.Contains("No module named 'torch'", StringComparison.Ordinal) || l.Contains("No module named 'onnx'", StringComparison.Ordinal)))
        {
            throw new UsageException("model import needs Debian's python3-torch and python3-onnx: sudo apt-get install python3-torch python3-onnx python3-numpy");
        }

        error ??= $"the converter failed ({(lines.Length > 0 ? lines[^1] : $"exit code {process.ExitCode}")})";
        if (process.ExitCode == 2)
        {
            throw new UsageException(error);
        }

        throw new IOException(error);
    }

    private Result Prove(string work)
    {
        progress.WriteLine("checking the package with ONNX Runtime");
        ModelPackage package;
        try
        {
            package = ModelPackage.Load(work);
        }
        catch (ModelPackageException e)
        {
            throw new IOException($"the converter wrote a package ONNX Runtime refuses: {e.Message}", e);
        }

        var reference = PackageReference.Load(Path.Combine(work, package.Manifest.Reference ?? "reference.json"));
        (double enc, double dec) ortError;
        float[] fp32Audio;
        using (var codec = new OnnxStreamingCodec(package, new CodecOptions { Precision = ModelPrecision.Fp32, DeterministicNoise = true, WarmUpHops = 1 }))
        {
            ortError = reference.Compare(codec);
            fp32Audio = Render(codec, reference);
        }

        if (!(ortError.enc <= Tolerance && ortError.dec <= Tolerance))
        {
            throw new IOException(string.Create(CultureInfo.InvariantCulture,
                $"ONNX Runtime's output differs from the converter's (relative error encoder {ortError.enc:0.##e+00}, decoder {ortError.dec:0.##e+00}, limit {Tolerance:0e+00})"));
        }

        double? snr = null;
        bool kept = false;
        if (package.Has(ModelPrecision.Int8))
        {
            using var codec = new OnnxStreamingCodec(package, new CodecOptions { Precision = ModelPrecision.Int8, DeterministicNoise = true, WarmUpHops = 1 });
            snr = SnrDb(fp32Audio, Render(codec, reference));
            kept = snr >= Int8MinimumSnrDb;
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"int8 against fp32: {snr:0.0} dB SNR{(kept ? "" : $", below {Int8MinimumSnrDb} dB: int8 graphs dropped, the pedal will run fp32")}"));
        }

        string manifestPath = Path.Combine(work, ModelManifest.FileName);
        JsonNode manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        JsonNode conversion = manifest["conversion"] ?? new JsonObject();
        conversion["onnx_runtime"] = new JsonObject
        {
            ["encoder_relative_error"] = ortError.enc,
            ["decoder_relative_error"] = ortError.dec,
            ["int8_snr_db"] = snr is null ? null : Math.Round(snr.Value, 2),
            ["int8_kept"] = kept,
            ["checked_by"] = "latentplayground model import (ONNX Runtime, reference vectors, deterministic noise)",
        };
        manifest["conversion"] = conversion;
        if (snr is not null && !kept)
        {
            foreach (GraphRole role in (GraphRole[])[GraphRole.Encoder, GraphRole.Decoder])
            {
                File.Delete(package.GraphPath(role, ModelPrecision.Int8));
            }

            manifest["quantisation"] = string.Create(CultureInfo.InvariantCulture, $"fp32 (int8 dropped: {snr:0.0} dB SNR against fp32, below {Int8MinimumSnrDb} dB)");
            (manifest as JsonObject)!.Remove("int8");
        }

        string tmp = manifestPath + ".tmp";
        File.WriteAllText(tmp, manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.Move(tmp, manifestPath, overwrite: true);

        JsonNode? c = manifest["conversion"];
        return new Result(work, package.Name, package.SampleRate, package.Hop, package.LatentSize, package.LatencySamples,
            c?["encoder_relative_error"]?.GetValue<double>() ?? double.NaN, c?["decoder_relative_error"]?.GetValue<double>() ?? double.NaN,
            ortError.enc, ortError.dec, snr, kept);
    }

    /// <summary>The reference input encoded and decoded hop by hop from reset: the audio int8 is judged on.</summary>
    private static float[] Render(OnnxStreamingCodec codec, PackageReference reference)
    {
        codec.Reset();
        var latent = new float[reference.LatentSize];
        var audio = new float[reference.Hops * reference.Hop];
        for (int h = 0; h < reference.Hops; h++)
        {
            codec.Encode(reference.Input[h], latent);
            codec.Decode(latent, audio.AsSpan(h * reference.Hop, reference.Hop));
        }

        return audio;
    }

    private static double SnrDb(float[] reference, float[] test)
    {
        double signal = 0, error = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            signal += (double)reference[i] * reference[i];
            double d = reference[i] - test[i];
            error += d * d;
        }

        return error == 0 ? double.PositiveInfinity : 10 * Math.Log10(signal / error);
    }
}
