using System.CommandLine;
using System.Globalization;
using LatentPlayground.Inference;
using LatentPlayground.Render;

namespace LatentPlayground.Commands;

/// <summary>
/// <c>latentplayground model info DIR</c>: validates a model package, runs one hop through each of its
/// graph pairs, and prints what a player needs to know about it. A bad package is one line on stderr
/// and exit code 2. With <c>--quality</c> it also renders the bundled demo clips through the model and
/// prints measures that listen (see <see cref="ModelQuality"/>); <c>--json</c> prints those as JSON instead.
/// Thread: main.
/// </summary>
public static class ModelInfoCommand
{
    private const int DimensionCount = Core.Modulation.ModulatorBank.Dimensions;

    public static Command Create(CommandContext context, ICodecSource? codecs = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ICodecSource source = codecs ?? new OnnxCodecSource();
        var folder = new Argument<string>("DIR") { Description = "Model package folder (model.json, encoder.onnx, decoder.onnx)" };
        var quality = new Option<bool>("--quality")
        {
            Description = "Also render the bundled demo clips through the model, as render does with the latent untouched, and print the "
                + "periodic-artefact share (a buzz locked to the hop), loudness r, pitch following and chroma",
        };
        var json = new Option<bool>("--json") { Description = "Print the --quality measures as JSON instead of text (implies --quality)" };
        var precision = new Option<string>("--precision") { Description = "Graphs --quality renders with: int8 (default when the package has it) or fp32", HelpName = "int8|fp32" };
        precision.AcceptOnlyFromAmong("int8", "fp32");
        var info = new Command("info", "Validate a model package and print its name, rates, latent size, states, latency, quantisation, files, provenance and licence.")
        {
            folder, quality, json, precision,
        };
        info.SetAction(r =>
        {
            ModelPackage package;
            try
            {
                package = ModelPackage.Load(r.GetValue(folder)!);
                // Loading checks the files against each other; only running a hop proves ONNX Runtime can execute them.
                foreach (ModelPrecision precision in package.Precisions)
                {
                    using var codec = new OnnxStreamingCodec(package, new CodecOptions { Precision = precision, WarmUpHops = 1 });
                }
            }
            catch (ModelPackageException e)
            {
                throw new UsageException(e.Message, e);
            }

            bool asJson = r.GetValue(json);
            bool measure = asJson || r.GetValue(quality);
            string? chosen = r.GetValue(precision);
            if (chosen is not null && !measure)
            {
                throw new UsageException("--precision: only with --quality (model info runs every precision the package has)");
            }

            if (!asJson)
            {
                Write(context.Out, package);
            }

            if (measure)
            {
                ModelQualityReport report = ModelQuality.Measure(source, package, chosen);
                if (asJson)
                {
                    ModelQualityWriter.WriteJson(context.Out, report, package.Folder);
                }
                else
                {
                    ModelQualityWriter.WriteText(context.Out, report);
                }
            }

            return ExitCodes.Ok;
        });

        return new Command("model", "Model package tools.") { info, ModelImportCommand.Create(context) };
    }

    private static void Write(TextWriter o, ModelPackage p)
    {
        var inv = CultureInfo.InvariantCulture;
        double frameRate = (double)p.SampleRate / p.Hop;
        o.WriteLine($"name          {p.Name}");
        o.WriteLine($"folder        {p.Folder}");
        o.WriteLine($"sample rate   {p.SampleRate} Hz");
        o.WriteLine(string.Create(inv, $"hop           {p.Hop} samples ({1000.0 * p.Hop / p.SampleRate:0.##} ms, {frameRate:0.####} latent frames/s)"));
        o.WriteLine($"latent size   {p.LatentSize} ({LatentUse(p.LatentSize)})");
        o.WriteLine($"channels      {p.Channels}{(p.Channels == 1 ? " (mono)" : "")}");
        string source = p.Manifest.LatencySource is { } s ? $", {s}" : "";
        o.WriteLine(string.Create(inv, $"latency       {p.LatencySamples} samples ({p.LatencyMilliseconds:0.##} ms{source}), plus one hop of buffering in the engine"));
        string graphs = string.Join(", ", p.Precisions.Select(x =>
            $"{Name(x)} ({Path.GetFileName(p.GraphPath(GraphRole.Encoder, x))} + {Path.GetFileName(p.GraphPath(GraphRole.Decoder, x))})"));
        o.WriteLine($"quantisation  {graphs}; default {Name(p.BestPrecision)}; model.json says \"{p.Manifest.Quantisation}\"");
        WriteGraph(o, "encoder", p.Manifest.Encoder);
        WriteGraph(o, "decoder", p.Manifest.Decoder);

        o.WriteLine("files");
        int width = Math.Max(5, p.Files.Max(f => f.Name.Length));
        foreach (PackageFile f in p.Files)
        {
            o.WriteLine($"  {f.Name.PadRight(width)}  {Size(f.Bytes)}");
        }

        o.WriteLine($"  {"total".PadRight(width)}  {Size(p.TotalBytes)}");

        o.WriteLine("provenance");
        if (p.Manifest.Provenance.Count == 0)
        {
            o.WriteLine("  (none given)");
        }

        int keyWidth = p.Manifest.Provenance.Select(kv => kv.Key.Length).DefaultIfEmpty(0).Max();
        foreach ((string key, string value) in p.Manifest.Provenance)
        {
            o.WriteLine($"  {key.PadRight(keyWidth)}  {value}");
        }

        o.WriteLine($"licence       {p.Manifest.Licence ?? "(none given)"}");
        o.WriteLine($"valid         yes: files, interfaces and states agree with model.json; {string.Join(" and ", p.Precisions.Select(Name))} ran one hop");
    }

    private static void WriteGraph(TextWriter o, string role, GraphDeclaration g)
    {
        o.WriteLine($"{role,-13} {g.Input} -> {g.Output}, {g.States.Count} state tensors");
        foreach (StateTensor s in g.States)
        {
            o.WriteLine($"  {s.Input} -> {s.Output}  {ShapeText.Format(s.Shape)}");
        }

        // Imported RAVE models draw inside their decoder; the engine feeds those draws, seeded.
        foreach (NoiseInput n in g.NoiseInputs)
        {
            if (n.Distribution == NoiseDistribution.InputAudio)
            {
                o.WriteLine($"  input {n.Name}  {ShapeText.Format(n.Shape)}, the hop of input audio the encoder read (the decoder filters the player's whitened signal)");
                continue;
            }

            string what = n.Distribution == NoiseDistribution.Normal ? "normal draws" : "uniform draws";
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  noise input {n.Name}  {ShapeText.Format(n.Shape)}, {what} from the engine's seeded generator ({n.DeterministicValue:0.##} with --noise off)"));
        }
    }

    // What the pedal's eight modulators and offsets do with a latent of this size, so a player knows
    // before playing that a 4-dimensional model leaves four of them idle, or a 128-dimensional one
    // moves only its first eight.
    private static string LatentUse(int latentSize)
    {
        int driven = ModelPackage.DrivenDimensions(latentSize);
        string use = $"modulators act on dimensions 1..{driven}";
        if (latentSize > driven)
        {
            return $"{use}; {driven + 1}..{latentSize} pass through from the encoder";
        }

        return latentSize < DimensionCount ? $"{use}; the settings of {latentSize + 1}..{DimensionCount} do nothing" : use;
    }

    private static string Name(ModelPrecision precision) => precision == ModelPrecision.Int8 ? "int8" : "fp32";

    private static string Size(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes,12:N0} bytes ({bytes / 1e6:0.00} MB)");
}
