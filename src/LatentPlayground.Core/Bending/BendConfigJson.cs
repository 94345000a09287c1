using System.Globalization;
using LatentPlayground.Core.Json;

namespace LatentPlayground.Core.Bending;

/// <summary>
/// Bend configurations as JSON text:
/// <code>
/// { "schema": 1, "model": "latentplayground-default", "weights": "glass.wav",
///   "layers": [ { "name": "decoder:decoder.net.layers.2.weight", "shape": [512, 256, 1], "offset": 0 } ],
///   "steps": [ { "layer": "decoder:decoder.net.layers.2.weight", "op": "scale", "scale": 1.8, "chaos": 0,
///                "amount": 0.5, "distribution": "gaussian", "seed": 7 } ] }
/// </code>
/// Pure text in and out; the WAV file and the folder are the caller's. Thread: any (no state).
/// </summary>
public static class BendConfigJson
{
    public const int Schema = 1;

    /// <summary>Parses a configuration; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="BendFormatException">Anything wrong, in one line.</exception>
    public static BendConfig Parse(string json, string source)
    {
        var errors = new BendConfigErrors(source);
        BendConfigContract file = JsonFile.Read(json, BendConfigContext.Default.BendConfigContract, errors);
        int schema = errors.Required(file.Schema, "schema");
        if (schema != Schema)
        {
            throw errors.Bad("schema", string.Create(CultureInfo.InvariantCulture, $"{schema} is not a schema this firmware reads ({Schema})"));
        }

        string weights = errors.Required(file.Weights, "weights");
        if (weights.Length == 0 || weights != Path.GetFileName(weights) || !weights.EndsWith(".wav", StringComparison.OrdinalIgnoreCase))
        {
            throw errors.Bad("weights", $"\"{weights}\" must be the name of a .wav file in the same folder");
        }

        var layers = new List<BendLayerEntry>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        long next = 0;
        List<BendLayerContract> fileLayers = errors.Required(file.Layers, "layers");
        for (int i = 0; i < fileLayers.Count; i++)
        {
            string field = string.Create(CultureInfo.InvariantCulture, $"layers[{i}]");
            string name = errors.Required(fileLayers[i].Name, field + ".name");
            List<long> shape = errors.Required(fileLayers[i].Shape, field + ".shape");
            long offset = errors.Required(fileLayers[i].Offset, field + ".offset");
            if (name.Length == 0)
            {
                throw errors.Bad(field + ".name", "is empty; it must name a layer of the model");
            }

            if (!names.Add(name))
            {
                throw errors.Bad(field + ".name", $"{name} is listed twice");
            }

            if (shape.Count == 0 || shape.Any(d => d < 1))
            {
                throw errors.Bad(field + ".shape", "must be a list of positive sizes");
            }

            if (offset != next)
            {
                throw errors.Bad(field + ".offset", string.Create(CultureInfo.InvariantCulture, $"is {offset}; the layers lie end to end, so it must be {next}"));
            }

            var entry = new BendLayerEntry(name, shape, offset);
            next += entry.Count;
            layers.Add(entry);
        }

        var steps = new List<BendStep>();
        List<BendStepContract> fileSteps = file.Steps ?? [];
        for (int i = 0; i < fileSteps.Count; i++)
        {
            steps.Add(ReadStep(fileSteps[i], string.Create(CultureInfo.InvariantCulture, $"steps[{i}]"), errors));
        }

        return new BendConfig(file.Model ?? "", weights, layers, new Bend(steps));
    }

    /// <summary>The configuration as JSON text.</summary>
    public static string Serialize(BendConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var file = new BendConfigContract(
            Schema,
            config.Model,
            config.WeightsFile,
            [.. config.Layers.Select(l => new BendLayerContract(l.Name, [.. l.Shape], l.Offset))],
            [.. config.Steps.Steps.Select(s => new BendStepContract(s.LayerName, OperationName(s.Operation), s.Scale, s.Chaos, s.Amount, DistributionName(s.Distribution), s.Seed))]);
        return System.Text.Json.JsonSerializer.Serialize(file, BendConfigContext.Default.BendConfigContract) + "\n";
    }

    public static string OperationName(BendOperation op) => op switch
    {
        BendOperation.Flip => "flip",
        BendOperation.Scale => "scale",
        _ => "distribution",
    };

    public static string DistributionName(BendDistribution d) => d.ToString().ToLowerInvariant();

    /// <summary>The operation called <paramref name="name"/> (flip, scale, distribution), or false.</summary>
    public static bool TryParseOperation(string? name, out BendOperation op)
    {
        foreach (BendOperation o in Enum.GetValues<BendOperation>())
        {
            if (OperationName(o) == name)
            {
                op = o;
                return true;
            }
        }

        op = default;
        return false;
    }

    /// <summary>The distribution called <paramref name="name"/> (uniform, gaussian, beta, laplace), or false.</summary>
    public static bool TryParseDistribution(string? name, out BendDistribution distribution)
    {
        foreach (BendDistribution d in Enum.GetValues<BendDistribution>())
        {
            if (DistributionName(d) == name)
            {
                distribution = d;
                return true;
            }
        }

        distribution = default;
        return false;
    }

    private static BendStep ReadStep(BendStepContract s, string field, BendConfigErrors errors)
    {
        string layer = errors.Required(s.Layer, field + ".layer");
        if (layer.Length == 0)
        {
            throw errors.Bad(field + ".layer", "is empty; it must name a layer of the model");
        }

        string opName = errors.Required(s.Op, field + ".op");
        if (!TryParseOperation(opName, out BendOperation op))
        {
            throw errors.Bad(field + ".op", $"\"{opName}\" is not an operation (flip, scale, distribution)");
        }

        BendDistribution distribution = BendDistribution.Gaussian;
        if (s.Distribution is string dName && !TryParseDistribution(dName, out distribution))
        {
            throw errors.Bad(field + ".distribution", $"\"{dName}\" is not a distribution (uniform, gaussian, beta, laplace)");
        }

        try
        {
            return new BendStep(layer, op, s.Scale ?? 1, s.Chaos ?? 0, s.Amount ?? 1, distribution, s.Seed ?? 0);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw errors.Bad($"{field}.{e.ParamName?.ToLowerInvariant()}", FirstLine(e.Message));
        }
        catch (ArgumentException e)
        {
            throw errors.Bad(field, FirstLine(e.Message));
        }
    }

    private static string FirstLine(string message)
    {
        int cut = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).ReplaceLineEndings(" ");
    }
}
