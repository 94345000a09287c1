using System.CommandLine;
using System.Globalization;
using LatentPlayground.Models;

namespace LatentPlayground.Commands;

/// <summary>
/// <c>latentplayground model import MODEL.ts --out DIR [--name NAME] [--no-int8]</c>: a RAVE model a
/// player already has, converted into a package the pedal plays (see <see cref="RaveImport"/>).
/// Progress goes to stderr when it is a terminal, the summary to stdout. A file that cannot be converted is one line and
/// exit code 2, with nothing written. Thread: main.
/// </summary>
public static class ModelImportCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var source = new Argument<string>("MODEL.ts") { Description = "A RAVE TorchScript export, from `rave export --streaming` (what nn~ and the RAVE VST load)" };
        var outOption = new Option<string>("--out") { Description = "Package folder to create (must not exist, or be empty)", Required = true };
        var nameOption = new Option<string?>("--name") { Description = "Model name shown by the pedal (default: the file's name)" };
        var noInt8 = new Option<bool>("--no-int8") { Description = "Write the fp32 graphs only (skip int8 quantisation)" };
        var command = new Command("import", "Convert a RAVE .ts model into a pedal model package (fp32 + int8), verified against the TorchScript model before anything is written. Needs Debian's python3-torch.")
        {
            source, outOption, nameOption, noInt8,
        };
        command.SetAction(r =>
        {
            string model = r.GetValue(source)!;
            string destination = r.GetValue(outOption)!;
            if (string.IsNullOrWhiteSpace(model))
            {
                throw new UsageException("MODEL.ts: an empty path");
            }

            if (string.IsNullOrWhiteSpace(destination))
            {
                throw new UsageException("--out: an empty path");
            }

            // Progress is for a person watching a terminal; piped or logged, stderr keeps only what went wrong.
            TextWriter progress = ReferenceEquals(context.Error, Console.Error) && !Console.IsErrorRedirected ? context.Error : TextWriter.Null;
            RaveImport.Result result = new RaveImport(progress).Run(model, destination, r.GetValue(nameOption), !r.GetValue(noInt8));
            var inv = CultureInfo.InvariantCulture;
            context.Out.WriteLine(string.Create(inv,
                $"imported {result.Name}: {result.SampleRate} Hz, hop {result.Hop}, latent {result.LatentSize}, latency {result.LatencySamples} samples"));
            context.Out.WriteLine(string.Create(inv,
                $"conversion error (relative): torch {result.TorchEncoderError:0.##e+00} / {result.TorchDecoderError:0.##e+00}, ONNX Runtime {result.OrtEncoderError:0.##e+00} / {result.OrtDecoderError:0.##e+00} (encoder / decoder)"));
            if (result.Int8SnrDb is double snr)
            {
                context.Out.WriteLine(string.Create(inv, $"int8: {snr:0.0} dB SNR against fp32{(result.Int8Kept ? "" : " (dropped)")}"));
            }

            context.Out.WriteLine($"wrote {result.Folder}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
