using LatentPlayground.Files;
using System.Globalization;
using System.Text.Json;
using LatentPlayground.Core.Json;

namespace LatentPlayground.Inference;

/// <summary>
/// Reads model.json into a <see cref="ModelManifest"/>. Every problem becomes a
/// <see cref="ModelPackageException"/> naming the file and the JSON path of the bad field. The file's shape is
/// <see cref="ManifestContract"/>; this checks what the values must be.
/// Thread: worker (reads a file).
/// </summary>
internal static class ManifestReader
{
    public static ModelManifest Read(string path)
    {
        if (!File.Exists(path))
        {
            throw ModelPackageException.For(path, "missing");
        }

        byte[] bytes;
        try
        {
            bytes = InputFile.ReadAllBytes(path, InputFile.ManifestLimit, "model manifest");
        }
        catch (InputFileException e)
        {
            throw ModelPackageException.For(path, e.Problem, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ModelPackageException.For(path, $"cannot be read ({e.Message})", e);
        }

        var errors = new PackageFileErrors(path);
        ManifestContract m = JsonFile.Read<ManifestContract>(bytes, ManifestContext.Default.ManifestContract, errors);
        return new ModelManifest(
            Name: errors.Text(errors.Required(m.Name, "name"), "name"),
            SampleRate: errors.Count(m.SampleRate, "sample_rate", 1),
            Hop: errors.Count(m.Hop, "hop", 1),
            LatentSize: errors.Count(m.LatentSize, "latent_size", 1),
            Channels: errors.Count(m.Channels, "channels", 1),
            LatencySamples: errors.Count(m.LatencySamples, "latency_samples", 0),
            LatencySource: m.Latency.ValueKind == JsonValueKind.Object && m.Latency.TryGetProperty("source", out JsonElement source) && source.ValueKind == JsonValueKind.String ? source.GetString() : null,
            Quantisation: DisplayText(m.Quantisation) ?? "fp32",
            Encoder: Graph(errors, errors.Required(m.Encoder, "encoder"), "encoder"),
            Decoder: Graph(errors, errors.Required(m.Decoder, "decoder"), "decoder"),
            Provenance: Flatten(m.Provenance, "provenance"),
            Licence: DisplayText(m.Licence),
            Reference: m.Reference.ValueKind == JsonValueKind.String ? m.Reference.GetString() : null)
        {
            InitialStates = m.InitialStates is null ? null : FileName(errors, m.InitialStates, "initial_states"),
        };
    }

    private static GraphDeclaration Graph(PackageFileErrors errors, GraphContract g, string name)
    {
        string file = FileName(errors, g.File, $"{name}.file");
        TensorDeclaration input = Tensor(errors, errors.Required(g.Input, $"{name}.input"), $"{name}.input");
        TensorDeclaration output = Tensor(errors, errors.Required(g.Output, $"{name}.output"), $"{name}.output");
        var states = new List<StateTensor>();
        foreach (StateContract s in errors.Required(g.States, $"{name}.states"))
        {
            string where = $"{name}.states[{states.Count}]";
            states.Add(new StateTensor(errors.Text(errors.Required(s.Input, $"{where}.input"), $"{where}.input"), errors.Text(errors.Required(s.Output, $"{where}.output"), $"{where}.output"), Shape(errors, s.Shape, $"{where}.shape"))
            {
                InitialOffset = s.InitialOffset is long offset && offset < 0 ? throw errors.Bad($"{where}.initial_offset", $"must be an integer >= 0, found {offset}") : s.InitialOffset,
            });
        }

        var noise = new List<NoiseInput>();
        foreach (NoiseContract n in g.NoiseInputs ?? [])
        {
            string where = $"{name}.noise_inputs[{noise.Count}]";
            string noiseName = errors.Text(errors.Required(n.Name, $"{where}.name"), $"{where}.name");
            List<long> shape = Shape(errors, n.Shape, $"{where}.shape");
            NoiseDistribution distribution = errors.Text(errors.Required(n.Distribution, $"{where}.distribution"), $"{where}.distribution") switch
            {
                "normal" => NoiseDistribution.Normal,
                "uniform" => NoiseDistribution.Uniform,
                "input_audio" => NoiseDistribution.InputAudio,
                string other => throw errors.Bad($"{where}.distribution", $"is \"{other}\"; expected normal, uniform or input_audio"),
            };
            double deterministic = errors.Required(n.Deterministic, $"{where}.deterministic");
            noise.Add(float.IsFinite((float)deterministic)
                ? new NoiseInput(noiseName, shape, distribution, (float)deterministic)
                : throw errors.Bad($"{where}.deterministic", string.Create(CultureInfo.InvariantCulture, $"must be a number, found {deterministic}")));
        }

        return new GraphDeclaration(file, input, output, states) { NoiseInputs = noise };
    }

    // The manifest names files inside its own folder, never elsewhere.
    private static string FileName(PackageFileErrors errors, string? value, string field)
    {
        string file = errors.Text(errors.Required(value, field), field);
        return file != Path.GetFileName(file) || file is "." or ".."
            ? throw errors.Bad(field, $"must be a file name in the package folder, found \"{file}\"")
            : file;
    }

    private static TensorDeclaration Tensor(PackageFileErrors errors, TensorContract t, string where) =>
        new(errors.Text(errors.Required(t.Name, $"{where}.name"), $"{where}.name"), Shape(errors, t.Shape, $"{where}.shape"));

    private static List<long> Shape(PackageFileErrors errors, JsonElement e, string where)
    {
        if (e.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            throw errors.Bad(where, "is missing");
        }

        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() == 0)
        {
            throw errors.Bad(where, "must be a non-empty array of positive integers");
        }

        var shape = new List<long>();
        foreach (JsonElement d in e.EnumerateArray())
        {
            shape.Add(d.ValueKind == JsonValueKind.Number && d.TryGetInt64(out long v) && v > 0
                ? v
                : throw errors.Bad(where, $"must be a non-empty array of positive integers, found {e.GetRawText()}"));
        }

        return shape;
    }

    /// <summary>A string as it is, anything else as compact JSON, absent or null as null.</summary>
    private static string? DisplayText(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        JsonValueKind.String => e.GetString(),
        _ => e.GetRawText(),
    };

    private static List<KeyValuePair<string, string>> Flatten(JsonElement e, string name)
    {
        var result = new List<KeyValuePair<string, string>>();
        if (e.ValueKind == JsonValueKind.Object)
        {
            FlattenInto(result, "", e);
        }
        else if (e.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
        {
            result.Add(new(name, e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()));
        }

        return result;
    }

    private static void FlattenInto(List<KeyValuePair<string, string>> result, string prefix, JsonElement obj)
    {
        foreach (JsonProperty p in obj.EnumerateObject())
        {
            string key = prefix.Length == 0 ? p.Name : $"{prefix}.{p.Name}";
            switch (p.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    FlattenInto(result, key, p.Value);
                    break;
                case JsonValueKind.String:
                    result.Add(new(key, p.Value.GetString()!));
                    break;
                case JsonValueKind.Null:
                    result.Add(new(key, "none"));
                    break;
                default:
                    result.Add(new(key, p.Value.GetRawText()));
                    break;
            }
        }
    }
}
