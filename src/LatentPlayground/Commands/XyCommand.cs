using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Presets;
using LatentPlayground.Core.Xy;
using LatentPlayground.Files;
using LatentPlayground.Presets;
using LatentPlayground.Render;
using LatentPlayground.Xy;

namespace LatentPlayground.Commands;

/// <summary>
/// <c>latentplayground xy new|add|train|show</c>: XY mappings without the pedal. <c>new</c> writes an empty mapping
/// of the chosen groups, <c>add</c> a point whose values come from the defaults, a preset and <c>--set</c>,
/// <c>train</c> fits the network and writes it into the file, <c>show</c> prints the mapping and what it predicts at a
/// point. Every write is atomic, and bad input is one line, exit code 2, with the file as it was.
/// Thread: main.
/// </summary>
public static class XyCommand
{
    /// <summary>Epochs <c>xy train</c> takes at most: about a minute for a full mapping of 64 points on a Pi 5.</summary>
    public const int MaxEpochs = 100_000;

    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Argument<string> Mapping() => new("MAPPING.json") { Description = "The XY mapping file" };

        var newFile = Mapping();
        // The pedal's default too: offsets and scale morph smoothly; seeds and times jump, so they are asked for.
        var groups = new Option<string>("--groups") { Description = "What the mapping drives: any of seed, scale, offset, time, comma-separated (default: scale,offset, as a new mapping on the pedal)", DefaultValueFactory = _ => "scale,offset", HelpName = "LIST" };
        var dimensions = new Option<int>("--dimensions") { Description = "Latent dimensions the seeds, offsets and times cover (1..8)", DefaultValueFactory = _ => DimensionParameters.Count, HelpName = "N" };
        var create = new Command("new", "Write an empty mapping (an existing file is never replaced).") { newFile, groups, dimensions };
        create.SetAction(r => New(context, r.GetValue(newFile)!, r.GetValue(groups)!, r.GetValue(dimensions)));

        var addFile = Mapping();
        var x = new Option<double>("--x") { Description = "The point's X, 0..1", HelpName = "X", Required = true };
        var y = new Option<double>("--y") { Description = "The point's Y, 0..1", HelpName = "Y", Required = true };
        var preset = new Option<string>("--preset") { Description = "Take the values from this preset (a JSON file, or a preset's name in the bank or the factory presets)", HelpName = "NAME-OR-FILE" };
        var bank = new Option<string>("--bank") { Description = "Preset bank folder for preset names (default: $LATENTPLAYGROUND_BANK or ~/.local/share/latentplayground/presets)", HelpName = "DIR" };
        var set = new Option<string[]>("--set") { Description = "Set a parameter, after the preset, e.g. --set offset.1=1.5 (repeatable)", HelpName = "NAME=VALUE" };
        var add = new Command("add", "Add a point: the mapped parameters' values from the defaults, the preset and --set; drops a trained network.") { addFile, x, y, preset, bank, set };
        add.SetAction(r => Add(context, r.GetValue(addFile)!, r.GetValue(x), r.GetValue(y), r.GetValue(preset), r.GetValue(bank) ?? PresetLocations.DefaultBankFolder, r.GetValue(set) ?? []));

        var trainFile = Mapping();
        var seed = new Option<uint>("--seed") { Description = "Seed of the network's starting weights: the same seed gives the same network", HelpName = "N" };
        var epochs = new Option<int>("--epochs") { Description = string.Create(CultureInfo.InvariantCulture, $"Training epochs (1..{MaxEpochs})"), DefaultValueFactory = _ => XyMappings.DefaultEpochs, HelpName = "N" };
        var train = new Command("train", "Train the network on the points, print the loss curve and write the network into the file.") { trainFile, seed, epochs };
        train.SetAction(r => Train(context, r.GetValue(trainFile)!, r.GetValue(seed), r.GetValue(epochs)));

        var showFile = Mapping();
        var at = new Option<string>("--at") { Description = "Also print what the network predicts at this point, e.g. --at 0.3,0.7", HelpName = "X,Y" };
        var show = new Command("show", "Print the mapping's groups, points and training, and with --at the predicted values.") { showFile, at };
        show.SetAction(r => Show(context, r.GetValue(showFile)!, r.GetValue(at)));

        return new Command("xy", "XY mappings: make one, add points, train its network, show what it predicts.") { create, add, train, show };
    }

    private static int New(CommandContext context, string path, string groupList, int dimensions)
    {
        XyGroups groups = ParseGroups(groupList);
        if (dimensions is < 1 or > DimensionParameters.Count)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--dimensions: {dimensions} is out of range 1..{DimensionParameters.Count}"));
        }

        // The points in a mapping are a player's work: a new one never replaces a file (xy add and train change one).
        _ = OutputFile.Check(new NamedPath(path, "XY mapping"));
        if (File.Exists(path))
        {
            throw new UsageException($"{path}: already exists; xy new never replaces a mapping (delete it first, or give another name)");
        }

        var mapping = new XyMapping(groups, dimensions);
        XyFiles.Save(path, mapping);
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{path}: a new XY mapping of {XyMappings.GroupList(groups)} over {Count(dimensions, "dimension")}, {Count(mapping.Parameters.Count, "parameter")}; add points with `latentplayground xy add`"));
        return ExitCodes.Ok;
    }

    private static int Add(CommandContext context, string path, double x, double y, string? presetName, string bankFolder, IReadOnlyList<string> sets)
    {
        CheckUnit(x, "--x");
        CheckUnit(y, "--y");
        XyMapping mapping = XyMappings.Read(path);
        Preset? preset = StartingParameters.Resolve(presetName, bankFolder);
        ParameterSet parameters = StartingParameters.From(preset);
        StartingParameters.Apply(parameters, sets, "--set");
        if (mapping.Points.Count >= XyMapping.MaxPoints)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{path}: the mapping holds {XyMapping.MaxPoints} points, its most; make another mapping"));
        }

        bool wasTrained = mapping.Network is not null;
        mapping.Add(x, y, parameters);
        string? presetFile = presetName is not null && File.Exists(presetName) ? presetName : null;
        XyFiles.Save(path, mapping, new NamedPath(presetFile, "preset file"));

        XyMapPoint point = mapping.Points[^1];
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{path}: point {mapping.Points.Count} at x {point.X:0.00}, y {point.Y:0.00}");
        text.Append(' ');
        for (int i = 0; i < mapping.Parameters.Count; i++)
        {
            ParameterDescriptor d = ParameterTable.Get(mapping.Parameters[i]);
            text.Append(CultureInfo.InvariantCulture, $" {d.Name} {d.Format(point.Values[i])}").Append(i < mapping.Parameters.Count - 1 ? "," : "");
        }

        text.AppendLine();
        if (wasTrained)
        {
            text.AppendLine($"the trained network was dropped (the points changed): train again with `latentplayground xy train {path}`");
        }

        context.Out.Write(text.ToString());
        return ExitCodes.Ok;
    }

    private static int Train(CommandContext context, string path, uint seed, int epochs)
    {
        if (epochs is < 1 or > MaxEpochs)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--epochs: {epochs} is out of range 1..{MaxEpochs}"));
        }

        XyMapping mapping = XyMappings.Read(path);
        _ = OutputFile.Check(new NamedPath(path, "XY mapping"));
        ProgressBar? bar = ProgressBar.ForTerminal(context.Error, "training");
        var clock = Stopwatch.StartNew();
        XyTrainingResult result = XyMappings.Train(mapping, path, seed, epochs, bar is null ? null : (epoch, _) => bar.Report((double)epoch / epochs));
        double seconds = clock.Elapsed.TotalSeconds;
        bar?.Report(1);
        XyFiles.Save(path, mapping);

        // Written once the file is: a failed save leaves nothing on stdout that speaks of a saved network.
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{path}: {Count(mapping.Points.Count, "point")}, {Count(mapping.Parameters.Count, "parameter")}, {Count(epochs, "epoch")}, seed {seed}");
        text.AppendLine("epoch        loss");
        foreach ((int epoch, double loss) in Curve(result.LossCurve, epochs))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{epoch,5}  {Loss(loss),10}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"final loss {Loss(result.FinalLoss)} (mean squared error, each value as a share of its range) in {seconds:0.00} s; network written to {path}");
        context.Out.Write(text.ToString());
        return ExitCodes.Ok;
    }

    private static int Show(CommandContext context, string path, string? at)
    {
        (double X, double Y)? where = at is null ? null : ParsePoint(at);
        XyMapping mapping = XyMappings.Read(path);
        var predicted = new double[mapping.Parameters.Count];
        if (where is (double px, double py) && !mapping.Predict(px, py, predicted))
        {
            throw new UsageException($"--at: {path} is not trained yet (train it with `latentplayground xy train {path}`)");
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{path}: {XyMappings.GroupList(mapping.Groups)} over {Count(mapping.Dimensions, "dimension")}; {Count(mapping.Parameters.Count, "parameter")}; {mapping.Points.Count} of {XyMapping.MaxPoints} points");
        text.AppendLine(mapping.Network is XyNetwork network
            ? string.Create(CultureInfo.InvariantCulture, $"trained: loss {(mapping.Loss is double loss ? Loss(loss) : "not recorded")}, seed {network.Seed}, {network.Hidden} hidden units")
            : $"trained: no (train it with `latentplayground xy train {path}`)");

        // Parameters down, points across: a handful of points reads as a table of settings side by side.
        var header = new List<string> { "parameter" };
        header.AddRange(Enumerable.Range(1, mapping.Points.Count).Select(i => i.ToString(CultureInfo.InvariantCulture)));
        var rows = new List<List<string>>
        {
            new() { "x" },
            new() { "y" },
        };
        foreach (XyMapPoint p in mapping.Points)
        {
            rows[0].Add(p.X.ToString("0.00", CultureInfo.InvariantCulture));
            rows[1].Add(p.Y.ToString("0.00", CultureInfo.InvariantCulture));
        }

        if (where is (double wx, double wy))
        {
            header.Add("predicted");
            rows[0].Add(wx.ToString("0.00", CultureInfo.InvariantCulture));
            rows[1].Add(wy.ToString("0.00", CultureInfo.InvariantCulture));
        }

        for (int i = 0; i < mapping.Parameters.Count; i++)
        {
            ParameterDescriptor d = ParameterTable.Get(mapping.Parameters[i]);
            var row = new List<string> { d.Name };
            row.AddRange(mapping.Points.Select(p => d.Format(p.Values[i])));
            if (where is not null)
            {
                row.Add(d.Format(predicted[i]));
            }

            rows.Add(row);
        }

        rows.Insert(0, header);
        int[] widths = [.. Enumerable.Range(0, header.Count).Select(c => rows.Max(r => r[c].Length))];
        foreach (List<string> row in rows)
        {
            text.AppendLine(string.Join("  ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        }

        context.Out.Write(text.ToString());
        return ExitCodes.Ok;
    }

    private static XyGroups ParseGroups(string list)
    {
        XyGroups groups = XyGroups.None;
        foreach (string part in list.Split(','))
        {
            string name = part.Trim().ToLowerInvariant();
            int found = IndexOf(name);
            if (found < 0)
            {
                throw new UsageException(name.Length == 0
                    ? $"--groups: '{list}' has an empty name; give any of seed, scale, offset, time, comma-separated"
                    : $"--groups: '{part.Trim()}' is not a group (seed, scale, offset, time)");
            }

            groups |= XyMappings.GroupNames[found].Group;
        }

        return groups;
    }

    private static int IndexOf(string name)
    {
        for (int i = 0; i < XyMappings.GroupNames.Count; i++)
        {
            if (XyMappings.GroupNames[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    private static (double X, double Y) ParsePoint(string text)
    {
        string[] parts = text.Split(',');
        if (parts.Length != 2
            || !double.TryParse(parts[0].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double x)
            || !double.TryParse(parts[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double y))
        {
            throw new UsageException($"--at: '{text}' is not X,Y (two numbers 0..1, e.g. 0.3,0.7)");
        }

        CheckUnit(x, "--at: X");
        CheckUnit(y, "--at: Y");
        return (x, y);
    }

    private static void CheckUnit(double value, string what)
    {
        if (value is not (>= 0 and <= 1))
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{what}: {value} is outside 0..1"));
        }
    }

    // About ten lines whatever the length: the first report at or past each tenth of the epochs, and the last.
    private static IEnumerable<(int Epoch, double Loss)> Curve(IReadOnlyList<(int Epoch, double Loss)> curve, int epochs)
    {
        double next = epochs / 10.0;
        for (int i = 0; i < curve.Count; i++)
        {
            if (curve[i].Epoch >= next || i == curve.Count - 1)
            {
                yield return curve[i];
                while (next <= curve[i].Epoch)
                {
                    next += epochs / 10.0;
                }
            }
        }
    }

    private static string Count(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? "" : "s")}");

    private static string Loss(double loss) => loss.ToString("0.000e+00", CultureInfo.InvariantCulture);
}
