using System.Buffers.Binary;

namespace LatentPlayground.Inference.Weights;

/// <summary>
/// Finds the bendable layers of an ONNX graph: the float initializers read as weight (input 1) or bias (input 2)
/// of a Conv node, in the order the graph runs them, with their values at full resolution. Reads the file's
/// protobuf directly (onnx.proto: ModelProto.graph = 7; GraphProto.node = 1, initializer = 5; NodeProto.input = 1,
/// name = 3, op_type = 4; TensorProto.dims = 1, data_type = 2, float_data = 4, name = 8, raw_data = 9,
/// data_location = 14), because ONNX Runtime does not hand out a loaded model's initializers.
/// Thread: any (a worker: it reads the whole file).
/// </summary>
public static class OnnxWeights
{
    private const int FloatType = 1;

    /// <summary>The bendable layers of the graph at <paramref name="path"/>, named for <paramref name="graph"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a readable ONNX model.</exception>
    public static IReadOnlyList<WeightLayer> Read(string path, string graph)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var nodes = new List<(string Name, string Op, List<string> Inputs)>();
        var floats = new Dictionary<string, (long[] Shape, float[] Values)>(StringComparer.Ordinal);
        var model = new ProtoReader(bytes);
        while (!model.End)
        {
            (int field, int wire) = model.ReadTag();
            if (field == 7 && wire == 2)
            {
                ReadGraph(model.ReadBytes(), nodes, floats);
            }
            else
            {
                model.Skip(wire);
            }
        }

        var layers = new List<WeightLayer>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string name, string op, List<string> inputs) in nodes)
        {
            if (op != "Conv")
            {
                continue;
            }

            for (int i = 1; i <= 2 && i < inputs.Count; i++)
            {
                if (floats.TryGetValue(inputs[i], out var tensor) && seen.Add(inputs[i]))
                {
                    layers.Add(new WeightLayer(graph, inputs[i], name, IsBias: i == 2, tensor.Shape, tensor.Values));
                }
            }
        }

        return layers;
    }

    private static void ReadGraph(ReadOnlySpan<byte> data, List<(string, string, List<string>)> nodes, Dictionary<string, (long[], float[])> floats)
    {
        var graph = new ProtoReader(data);
        while (!graph.End)
        {
            (int field, int wire) = graph.ReadTag();
            if (field == 1 && wire == 2)
            {
                nodes.Add(ReadNode(graph.ReadBytes()));
            }
            else if (field == 5 && wire == 2)
            {
                if (ReadFloatTensor(graph.ReadBytes()) is (string name, long[] shape, float[] values))
                {
                    floats[name] = (shape, values);
                }
            }
            else
            {
                graph.Skip(wire);
            }
        }
    }

    private static (string, string, List<string>) ReadNode(ReadOnlySpan<byte> data)
    {
        var node = new ProtoReader(data);
        var inputs = new List<string>();
        string name = "", op = "";
        while (!node.End)
        {
            (int field, int wire) = node.ReadTag();
            switch (field, wire)
            {
                case (1, 2):
                    inputs.Add(node.ReadString());
                    break;
                case (3, 2):
                    name = node.ReadString();
                    break;
                case (4, 2):
                    op = node.ReadString();
                    break;
                default:
                    node.Skip(wire);
                    break;
            }
        }

        return (name, op, inputs);
    }

    // A float tensor stored in the file (not external data), or null for anything else.
    private static (string, long[], float[])? ReadFloatTensor(ReadOnlySpan<byte> data)
    {
        var tensor = new ProtoReader(data);
        var dims = new List<long>();
        string name = "";
        int type = 0;
        bool external = false;
        ReadOnlySpan<byte> raw = default;
        var floatData = new List<float>();
        while (!tensor.End)
        {
            (int field, int wire) = tensor.ReadTag();
            switch (field, wire)
            {
                case (1, 0):
                    dims.Add((long)tensor.ReadVarint());
                    break;
                case (1, 2):
                    var packed = new ProtoReader(tensor.ReadBytes());
                    while (!packed.End)
                    {
                        dims.Add((long)packed.ReadVarint());
                    }

                    break;
                case (2, 0):
                    type = (int)tensor.ReadVarint();
                    break;
                case (4, 5):
                    floatData.Add(BitConverter.UInt32BitsToSingle(tensor.ReadFixed32()));
                    break;
                case (4, 2):
                    ReadOnlySpan<byte> f = tensor.ReadBytes();
                    for (int i = 0; i + 4 <= f.Length; i += 4)
                    {
                        floatData.Add(BinaryPrimitives.ReadSingleLittleEndian(f[i..]));
                    }

                    break;
                case (8, 2):
                    name = tensor.ReadString();
                    break;
                case (9, 2):
                    raw = tensor.ReadBytes();
                    break;
                case (14, 0):
                    external = tensor.ReadVarint() == 1;
                    break;
                default:
                    tensor.Skip(wire);
                    break;
            }
        }

        if (type != FloatType || external)
        {
            return null;
        }

        long count = 1;
        foreach (long d in dims)
        {
            count *= d;
        }

        float[] values;
        if (!raw.IsEmpty)
        {
            if (raw.Length != count * 4)
            {
                throw new InvalidDataException($"initializer {name}: {raw.Length} bytes for {count} floats");
            }

            values = new float[count];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(i * 4)..]);
            }
        }
        else
        {
            if (floatData.Count != count)
            {
                throw new InvalidDataException($"initializer {name}: {floatData.Count} floats for a shape of {count}");
            }

            values = [.. floatData];
        }

        return (name, [.. dims], values);
    }
}
