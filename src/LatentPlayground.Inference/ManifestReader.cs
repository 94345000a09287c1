using LatentPlayground.Files;
using System.Text.Json;

namespace LatentPlayground.Inference;

/// <summary>
/// Reads model.json into a <see cref="ModelManifest"/>. Every problem becomes a
/// <see cref="ModelPackageException"/> naming the file and the JSON path of the bad field.
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

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(InputFile.ReadAllBytes(path, InputFile.ManifestLimit, "model manifest"), new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (InputFileException e)
        {
            throw ModelPackageException.For(path, e.Problem, e);
        }
        catch (JsonException e)
        {
            throw ModelPackageException.For(path, $"not valid JSON ({e.Message})", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ModelPackageException.For(path, $"cannot be read ({e.Message})", e);
        }

        using (document)
        {
            var reader = new Fields(path);
            JsonElement root = document.RootElement;
            reader.ExpectObject(root, "the top level");
            return new ModelManifest(
                Name: reader.String(root, "name"),
                SampleRate: reader.PositiveInt(root, "sample_rate"),
                Hop: reader.PositiveInt(root, "hop"),
                LatentSize: reader.PositiveInt(root, "latent_size"),
                Channels: reader.PositiveInt(root, "channels"),
                LatencySamples: reader.NonNegativeInt(root, "latency_samples"),
                LatencySource: Fields.OptionalString(root, "latency", "source"),
                Quantisation: Fields.DisplayText(root, "quantisation") ?? "fp32",
                Encoder: reader.Graph(root, "encoder"),
                Decoder: reader.Graph(root, "decoder"),
                Provenance: Fields.Flatten(root, "provenance"),
                Licence: Fields.DisplayText(root, "licence"),
                Reference: Fields.OptionalString(root, "reference"))
            {
                InitialStates = reader.OptionalFileName(root, "initial_states"),
            };
        }
    }

    /// <summary>Typed field access that names the field on failure.</summary>
    private sealed class Fields(string path)
    {
        public void ExpectObject(JsonElement e, string where)
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                throw Bad($"{where} must be a JSON object");
            }
        }

        public string String(JsonElement obj, string name)
        {
            JsonElement e = Required(obj, name);
            if (e.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(e.GetString()))
            {
                throw Bad($"\"{name}\" must be a non-empty string");
            }

            return e.GetString()!;
        }

        public static string? OptionalString(JsonElement obj, params string[] names)
        {
            JsonElement e = obj;
            foreach (string name in names)
            {
                if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out e))
                {
                    return null;
                }
            }

            return e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        }

        public int PositiveInt(JsonElement obj, string name) => Int(obj, name, 1);

        public int NonNegativeInt(JsonElement obj, string name) => Int(obj, name, 0);

        /// <summary>A string as it is, anything else as compact JSON, absent or null as null.</summary>
        public static string? DisplayText(JsonElement obj, string name)
        {
            if (!obj.TryGetProperty(name, out JsonElement e) || e.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText();
        }

        public static List<KeyValuePair<string, string>> Flatten(JsonElement obj, string name)
        {
            var result = new List<KeyValuePair<string, string>>();
            if (obj.TryGetProperty(name, out JsonElement e))
            {
                if (e.ValueKind == JsonValueKind.Object)
                {
                    FlattenInto(result, "", e);
                }
                else if (e.ValueKind != JsonValueKind.Null)
                {
                    result.Add(new(name, e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()));
                }
            }

            return result;
        }

        public GraphDeclaration Graph(JsonElement root, string name)
        {
            JsonElement g = Required(root, name);
            ExpectObject(g, $"\"{name}\"");
            string file = String(g, "file", name);
            // The manifest names files inside its own folder, never elsewhere.
            if (file != Path.GetFileName(file) || file is "." or "..")
            {
                throw Bad($"\"{name}.file\" must be a file name in the package folder, found \"{file}\"");
            }

            TensorDeclaration input = Tensor(g, "input", name);
            TensorDeclaration output = Tensor(g, "output", name);
            JsonElement states = Required(g, "states", name);
            if (states.ValueKind != JsonValueKind.Array)
            {
                throw Bad($"\"{name}.states\" must be an array");
            }

            var list = new List<StateTensor>();
            int i = 0;
            foreach (JsonElement s in states.EnumerateArray())
            {
                string where = $"{name}.states[{i}]";
                ExpectObject(s, $"\"{where}\"");
                list.Add(new StateTensor(String(s, "input", where), String(s, "output", where), Shape(s, "shape", where))
                {
                    InitialOffset = OptionalOffset(s, "initial_offset", where),
                });
                i++;
            }

            return new GraphDeclaration(file, input, output, list) { NoiseInputs = Noise(g, name) };
        }

        /// <summary>A file name inside the package folder, or null when the field is absent.</summary>
        public string? OptionalFileName(JsonElement root, string name)
        {
            if (!root.TryGetProperty(name, out JsonElement e) || e.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            string file = String(root, name);
            if (file != Path.GetFileName(file) || file is "." or "..")
            {
                throw Bad($"\"{name}\" must be a file name in the package folder, found \"{file}\"");
            }

            return file;
        }

        private long? OptionalOffset(JsonElement obj, string name, string parent)
        {
            if (!obj.TryGetProperty(name, out JsonElement e) || e.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt64(out long v) || v < 0)
            {
                throw Bad($"\"{parent}.{name}\" must be an integer >= 0, found {e.GetRawText()}");
            }

            return v;
        }

        private List<NoiseInput> Noise(JsonElement g, string parent)
        {
            var list = new List<NoiseInput>();
            if (!g.TryGetProperty("noise_inputs", out JsonElement noise) || noise.ValueKind == JsonValueKind.Null)
            {
                return list;
            }

            if (noise.ValueKind != JsonValueKind.Array)
            {
                throw Bad($"\"{parent}.noise_inputs\" must be an array");
            }

            int i = 0;
            foreach (JsonElement n in noise.EnumerateArray())
            {
                string where = $"{parent}.noise_inputs[{i}]";
                ExpectObject(n, $"\"{where}\"");
                string name = String(n, "name", where);
                List<long> shape = Shape(n, "shape", where);
                NoiseDistribution distribution = String(n, "distribution", where) switch
                {
                    "normal" => NoiseDistribution.Normal,
                    "uniform" => NoiseDistribution.Uniform,
                    "input_audio" => NoiseDistribution.InputAudio,
                    string other => throw Bad($"\"{where}.distribution\" is \"{other}\"; expected normal, uniform or input_audio"),
                };
                JsonElement d = Required(n, "deterministic", where);
                if (d.ValueKind != JsonValueKind.Number || !float.IsFinite(d.GetSingle()))
                {
                    throw Bad($"\"{where}.deterministic\" must be a number, found {d.GetRawText()}");
                }

                list.Add(new NoiseInput(name, shape, distribution, d.GetSingle()));
                i++;
            }

            return list;
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

        private string String(JsonElement obj, string name, string parent)
        {
            JsonElement e = Required(obj, name, parent);
            if (e.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(e.GetString()))
            {
                throw Bad($"\"{parent}.{name}\" must be a non-empty string");
            }

            return e.GetString()!;
        }

        private TensorDeclaration Tensor(JsonElement obj, string name, string parent)
        {
            JsonElement t = Required(obj, name, parent);
            string where = $"{parent}.{name}";
            ExpectObject(t, $"\"{where}\"");
            return new TensorDeclaration(String(t, "name", where), Shape(t, "shape", where));
        }

        private List<long> Shape(JsonElement obj, string name, string parent)
        {
            JsonElement e = Required(obj, name, parent);
            string where = $"{parent}.{name}";
            if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() == 0)
            {
                throw Bad($"\"{where}\" must be a non-empty array of positive integers");
            }

            var shape = new List<long>();
            foreach (JsonElement d in e.EnumerateArray())
            {
                if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt64(out long v) || v <= 0)
                {
                    throw Bad($"\"{where}\" must be a non-empty array of positive integers, found {e.GetRawText()}");
                }

                shape.Add(v);
            }

            return shape;
        }

        private int Int(JsonElement obj, string name, int min)
        {
            JsonElement e = Required(obj, name);
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out int v) || v < min)
            {
                string what = min > 0 ? "a positive integer" : "an integer >= 0";
                throw Bad($"\"{name}\" must be {what}, found {e.GetRawText()}");
            }

            return v;
        }

        private JsonElement Required(JsonElement obj, string name, string? parent = null)
        {
            if (!obj.TryGetProperty(name, out JsonElement e))
            {
                throw Bad(parent is null ? $"\"{name}\" is missing" : $"\"{parent}.{name}\" is missing");
            }

            return e;
        }

        private ModelPackageException Bad(string problem) => ModelPackageException.For(path, problem);
    }
}
