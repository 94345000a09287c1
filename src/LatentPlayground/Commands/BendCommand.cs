using System.CommandLine;
using System.Globalization;
using LatentPlayground.Bending;
using LatentPlayground.Core.Bending;
using LatentPlayground.Files;
using LatentPlayground.Inference;
using LatentPlayground.Render;

namespace LatentPlayground.Commands;

/// <summary>
/// <c>latentplayground bend layers</c> lists a model's bendable layers with their statistics;
/// <c>latentplayground bend apply</c> makes a bend (one operation on one layer, on top of <c>--from</c>'s) and saves it
/// as a configuration (.json and .wav) that <c>render --bend</c> auditions and presets can name.
/// Bad input is one line and exit code 2, with nothing written. Thread: main.
/// </summary>
public static class BendCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Option<string> Model() => new("--model") { Description = "Model package folder (default: the bundled model)", HelpName = "DIR" };
        var layersModel = Model();
        var layers = new Command("layers", "List the model's bendable layers (convolution weights and biases) with shape, count, mean, std, min and max.") { layersModel };
        layers.SetAction(r => ListLayers(context, r.GetValue(layersModel)));

        var applyModel = Model();
        var layer = new Option<string>("--layer") { Description = "The layer, as bend layers names it", HelpName = "NAME", Required = true };
        var op = new Option<string>("--op") { Description = "flip, scale or distribution", HelpName = "OP", Required = true };
        op.AcceptOnlyFromAmong("flip", "scale", "distribution");
        var chaos = new Option<double?>("--chaos") { Description = "distribution: how far the draws stray from the layer's own pattern, 0..100 % (default 100)" };
        var amount = new Option<double>("--amount") { Description = "Share of the layer's weights touched, spread evenly, 0..100 %", DefaultValueFactory = _ => 100 };
        var scale = new Option<double>("--scale") { Description = string.Create(CultureInfo.InvariantCulture, $"scale: the factor, 0..{BendStep.ScaleMax}"), DefaultValueFactory = _ => 1 };
        var dist = new Option<string>("--dist") { Description = "distribution: uniform, gaussian, beta or laplace", HelpName = "LAW", DefaultValueFactory = _ => "gaussian" };
        dist.AcceptOnlyFromAmong("uniform", "gaussian", "beta", "laplace");
        var seed = new Option<uint>("--seed") { Description = "Seed of the draws and of which weights are touched" };
        var from = new Option<string>("--from") { Description = "Start from this bend configuration instead of the model as exported", HelpName = "BEND.json" };
        var output = new Option<string>("--out") { Description = "The configuration to write (NAME.json; its weights go to NAME.wav beside it)", HelpName = "BEND.json", Required = true };
        var apply = new Command("apply", "Bend one layer and save the configuration (atomically).")
        {
            applyModel, layer, op, chaos, amount, scale, dist, seed, from, output,
        };
        apply.SetAction(r =>
        {
            _ = BendConfigJson.TryParseOperation(r.GetValue(op), out BendOperation operation);
            _ = BendConfigJson.TryParseDistribution(r.GetValue(dist), out BendDistribution law);
            // Chaos belongs to the distribution operation; the other steps record 0 rather than a value they ignore.
            double chaosPercent = r.GetValue(chaos) ?? (operation == BendOperation.Distribution ? 100 : 0);
            return Apply(context, r.GetValue(applyModel), r.GetValue(layer)!, operation, chaosPercent, r.GetValue(amount), r.GetValue(scale), law, r.GetValue(seed), r.GetValue(from), r.GetValue(output)!);
        });

        return new Command("bend", "Bend the model's weights: list its layers, make and save a bend.") { layers, apply };
    }

    /// <summary>Opens <paramref name="folder"/> (the bundled model when null) with live weights.</summary>
    public static OnnxStreamingCodec OpenBendable(string? folder)
    {
        string path = folder ?? OnnxCodecSource.DefaultModelFolder;
        try
        {
            return new OnnxStreamingCodec(ModelPackage.Load(path), new CodecOptions { Bendable = true, WarmUpHops = 1 });
        }
        catch (ModelPackageException e)
        {
            throw new UsageException(e.Message, e);
        }
    }

    /// <summary>A bend configuration read from disk, with where its weights came from.</summary>
    public sealed record ReadBend(BendConfig Config, float[] Weights, string WeightsPath);

    /// <summary>Reads the configuration at <paramref name="path"/> and its weights; any problem is one line naming <paramref name="option"/>.</summary>
    public static ReadBend Read(string path, string option)
    {
        try
        {
            (BendConfig config, float[] weights) = BendFiles.Load(path);
            return new ReadBend(config, weights, BendFiles.WeightsPath(path, config));
        }
        catch (BendFormatException e)
        {
            throw new UsageException($"{option}: {e.Message}", e);
        }
        catch (InputFileException e)
        {
            throw new UsageException($"{option}: {e.Message}", e);
        }
    }

    /// <summary>Applies a read configuration to <paramref name="bend"/>; a mismatch is one line, the model unchanged.</summary>
    public static void Apply(ModelBend bend, ReadBend read, string path, string option)
    {
        ArgumentNullException.ThrowIfNull(bend);
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            bend.Load(read.Config, read.Weights, path);
        }
        catch (BendFormatException e)
        {
            throw new UsageException($"{option}: {e.Message}", e);
        }
    }

    private static int ListLayers(CommandContext context, string? folder)
    {
        using OnnxStreamingCodec codec = OpenBendable(folder);
        var bend = new ModelBend(codec);
        context.Out.WriteLine($"# {codec.Package.Name}: {bend.Layers.Count} bendable layers");
        context.Out.WriteLine($"{"layer",-70} {"shape",-15} {"count",-10} {"mean",10} {"std",10} {"min",10} {"max",10}");
        for (int i = 0; i < bend.Layers.Count; i++)
        {
            LayerStatistics s = LayerStatistics.Of(bend.Session.Pristine(i));
            string shape = string.Join("x", bend.Layers[i].Shape);
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{bend.Layers[i].Name,-70} {shape,-15} {s.Count,-10} {s.Mean,10:0.00000} {s.StandardDeviation,10:0.00000} {s.Min,10:0.0000} {s.Max,10:0.0000}"));
        }

        return ExitCodes.Ok;
    }

    private static int Apply(CommandContext context, string? folder, string layer, BendOperation op, double chaos, double amount, double scale, BendDistribution law, uint seed, string? from, string output)
    {
        if (!output.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"--out: {output} does not end in .json");
        }

        string weightsFile = Path.GetFileNameWithoutExtension(output) + ".wav";
        ReadBend? start = from is null ? null : Read(from, "--from");
        NamedPath outWeights = new(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output)) ?? ".", weightsFile), "--out weights");
        _ = OutputFile.Check(new NamedPath(output, "--out"), outWeights, new NamedPath(from, "--from"), new NamedPath(start?.WeightsPath, "--from weights"));
        _ = OutputFile.Check(outWeights, new NamedPath(output, "--out"), new NamedPath(from, "--from"), new NamedPath(start?.WeightsPath, "--from weights"));
        BendStep step;
        try
        {
            step = new BendStep(layer, op, scale, Percent(chaos, "--chaos"), Percent(amount, "--amount"), law, seed);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new UsageException($"--{e.ParamName?.ToLowerInvariant()}: {e.Message.Split(" (Parameter")[0]}", e);
        }

        using OnnxStreamingCodec codec = OpenBendable(folder);
        var bend = new ModelBend(codec);
        if (start is not null)
        {
            Apply(bend, start, from!, "--from");
        }

        int index = bend.Session.IndexOf(layer);
        if (index < 0)
        {
            throw new UsageException($"--layer: {layer} is not a layer of {codec.Package.Name} (latentplayground bend layers lists them)");
        }

        LayerStatistics before = LayerStatistics.Of(bend.Session.Applied(index));
        bend.Session.Edit(step);
        _ = bend.Session.Set();
        LayerStatistics after = LayerStatistics.Of(bend.Session.Applied(index));
        (BendConfig config, float[] weights) = bend.Snapshot(weightsFile);
        BendFiles.Save(output, config, weights);
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{output}: {config.Layers.Count} layer(s), {config.Steps.Steps.Length} step(s); {layer}: mean {before.Mean:0.00000} -> {after.Mean:0.00000}, std {before.StandardDeviation:0.00000} -> {after.StandardDeviation:0.00000}"));
        return ExitCodes.Ok;
    }

    private static double Percent(double value, string option) =>
        value is >= 0 and <= 100 ? value / 100 : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{option}: {value} is outside 0..100 %"));
}
