using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LatentPlayground.Inference;

/// <summary>
/// Opens one graph file and checks that it is what model.json says: it parses, its signal input and
/// output and its state pairs have the declared names and shapes, every <c>state_in.NN</c> has its
/// <c>state_out.NN</c>, and the scalar facts in its ONNX metadata agree with the manifest.
/// Thread: worker (reads a file, builds a session).
/// </summary>
internal static partial class GraphInspector
{
    // ONNX metadata_props keys the exporter writes, and the manifest value each must equal.
    private static readonly (string Key, Func<ModelManifest, int> Value)[] MetadataFacts =
    [
        ("sample_rate", m => m.SampleRate),
        ("hop", m => m.Hop),
        ("latent_size", m => m.LatentSize),
        ("channels", m => m.Channels),
    ];

    public static GraphSpec Inspect(string path, GraphRole role, ModelPrecision precision, ModelManifest manifest)
    {
        GraphDeclaration declared = manifest.Graph(role);
        if (!File.Exists(path))
        {
            throw ModelPackageException.For(path, "missing");
        }

        InferenceSession session;
        try
        {
            using SessionOptions options = RealtimeSessionOptions.ForInspection();
            session = new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw ModelPackageException.For(path, $"not a usable ONNX graph ({Shorten(e.Message, path)})", e);
        }

        using (session)
        {
            var problems = new Checker(path);
            problems.Metadata(session.ModelMetadata.CustomMetadataMap, manifest, role);
            problems.Pairing(session.InputMetadata.Keys, session.OutputMetadata.Keys, declared);
            problems.Tensor("input", session.InputMetadata, declared.Input);
            problems.Tensor("output", session.OutputMetadata, declared.Output);
            foreach (StateTensor state in declared.States)
            {
                problems.Tensor("input", session.InputMetadata, new TensorDeclaration(state.Input, state.Shape));
                problems.Tensor("output", session.OutputMetadata, new TensorDeclaration(state.Output, state.Shape));
            }

            foreach (NoiseInput noise in declared.NoiseInputs)
            {
                problems.Tensor("input", session.InputMetadata, new TensorDeclaration(noise.Name, noise.Shape));
            }

            return new GraphSpec(role, precision, path, declared.Input.Name, declared.Input.Shape,
                declared.Output.Name, declared.Output.Shape, declared.States)
            {
                NoiseInputs = declared.NoiseInputs,
            };
        }
    }

    [GeneratedRegex(@"^state_(in|out)\.(\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex StateName();

    // ONNX Runtime's messages carry an error code and repeat the path, which already leads the line.
    private static string Shorten(string message, string path)
    {
        string text = ErrorCode().Replace(message, "")
            .Replace($"Load model from {path} failed:", "", StringComparison.Ordinal)
            .Replace('\n', ' ')
            .Trim();
        return text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "...");
    }

    [GeneratedRegex(@"\[ErrorCode:\w+\]\s*", RegexOptions.CultureInvariant)]
    private static partial Regex ErrorCode();

    private sealed class Checker(string path)
    {
        public void Metadata(Dictionary<string, string> metadata, ModelManifest manifest, GraphRole role)
        {
            string expectedRole = role == GraphRole.Encoder ? "encoder" : "decoder";
            if (metadata.TryGetValue("graph", out string? graph) && graph != expectedRole)
            {
                throw Bad($"its metadata says it is the {graph} graph, but it is in the {expectedRole}'s place");
            }

            foreach ((string key, Func<ModelManifest, int> value) in MetadataFacts)
            {
                if (metadata.TryGetValue(key, out string? text)
                    && (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) || v != value(manifest)))
                {
                    throw Bad($"its metadata says {key} {text}, but {ModelManifest.FileName} says {value(manifest)}");
                }
            }
        }

        /// <summary>Names first: a missing or extra tensor explains more than a wrong shape would.</summary>
        public void Pairing(IEnumerable<string> inputs, IEnumerable<string> outputs, GraphDeclaration declared)
        {
            var inSet = inputs.ToHashSet(StringComparer.Ordinal);
            var outSet = outputs.ToHashSet(StringComparer.Ordinal);

            // The graph itself must pair every state, whatever the manifest says.
            foreach (string name in inSet)
            {
                Match m = StateName().Match(name);
                if (m.Success && m.Groups[1].Value == "in" && !outSet.Contains($"state_out.{m.Groups[2].Value}"))
                {
                    throw Bad($"state input {name} has no state_out.{m.Groups[2].Value} output (unpaired state)");
                }
            }

            foreach (string name in outSet)
            {
                Match m = StateName().Match(name);
                if (m.Success && m.Groups[1].Value == "out" && !inSet.Contains($"state_in.{m.Groups[2].Value}"))
                {
                    throw Bad($"state output {name} has no state_in.{m.Groups[2].Value} input (unpaired state)");
                }
            }

            foreach (StateTensor s in declared.States)
            {
                Match mi = StateName().Match(s.Input);
                Match mo = StateName().Match(s.Output);
                if (!mi.Success || mi.Groups[1].Value != "in" || !mo.Success || mo.Groups[1].Value != "out"
                    || mi.Groups[2].Value != mo.Groups[2].Value)
                {
                    throw Bad($"{ModelManifest.FileName} pairs {s.Input} with {s.Output}; states pair state_in.NN with state_out.NN");
                }
            }

            var declaredIn = declared.States.Select(s => s.Input).Append(declared.Input.Name)
                .Concat(declared.NoiseInputs.Select(n => n.Name)).ToHashSet(StringComparer.Ordinal);
            var declaredOut = declared.States.Select(s => s.Output).Append(declared.Output.Name).ToHashSet(StringComparer.Ordinal);
            Compare(inSet, declaredIn, "input");
            Compare(outSet, declaredOut, "output");
        }

        public void Tensor(string kind, IReadOnlyDictionary<string, NodeMetadata> graph, TensorDeclaration declared)
        {
            NodeMetadata node = graph[declared.Name];
            if (!node.IsTensor || node.ElementDataType != TensorElementType.Float)
            {
                throw Bad($"{kind} {declared.Name} is not a float tensor");
            }

            int[] dims = node.Dimensions;
            bool agrees = dims.Length == declared.Shape.Count;
            for (int i = 0; agrees && i < dims.Length; i++)
            {
                // A symbolic dimension (-1) takes the declared size; a fixed one must equal it.
                agrees = dims[i] < 0 || dims[i] == declared.Shape[i];
            }

            if (!agrees)
            {
                string graphShape = ShapeText.Format(dims.Select(d => (long)d));
                throw Bad($"{kind} {declared.Name} has shape {graphShape}, but {ModelManifest.FileName} says {ShapeText.Format(declared.Shape)}");
            }
        }

        private void Compare(HashSet<string> graph, HashSet<string> declared, string kind)
        {
            foreach (string name in graph.Order(StringComparer.Ordinal))
            {
                if (!declared.Contains(name))
                {
                    throw Bad($"{kind} {name} is not declared in {ModelManifest.FileName}");
                }
            }

            foreach (string name in declared.Order(StringComparer.Ordinal))
            {
                if (!graph.Contains(name))
                {
                    throw Bad($"{ModelManifest.FileName} declares {kind} {name}, which the graph does not have");
                }
            }
        }

        private ModelPackageException Bad(string problem) => ModelPackageException.For(path, problem);
    }
}
