using System.Text;

namespace LatentPlayground.Inference.Tests;

/// <summary>One node of an ONNX graph: enough to tell which kernels a graph runs.</summary>
internal sealed record OnnxNode(string OpType, string Domain, string Name, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs);

/// <summary>
/// Reads the top-level nodes of an ONNX file by walking the protobuf wire format directly, so the tests
/// need no protobuf library: ModelProto.graph (field 7) → GraphProto.node (field 1) → NodeProto
/// input (1), output (2), name (3), op_type (4), domain (7).
/// </summary>
internal static class OnnxNodes
{
    public static IReadOnlyList<OnnxNode> Read(string path)
    {
        byte[] model = File.ReadAllBytes(path);
        var nodes = new List<OnnxNode>();
        foreach ((int field, ReadOnlyMemory<byte> graph) in Messages(model))
        {
            if (field != 7)
            {
                continue;
            }

            foreach ((int graphField, ReadOnlyMemory<byte> node) in Messages(graph))
            {
                if (graphField == 1)
                {
                    nodes.Add(Node(node));
                }
            }
        }

        return nodes;
    }

    private static OnnxNode Node(ReadOnlyMemory<byte> bytes)
    {
        var inputs = new List<string>();
        var outputs = new List<string>();
        string name = "", opType = "", domain = "";
        foreach ((int field, ReadOnlyMemory<byte> value) in Messages(bytes))
        {
            string text = Encoding.UTF8.GetString(value.Span);
            switch (field)
            {
                case 1: inputs.Add(text); break;
                case 2: outputs.Add(text); break;
                case 3: name = text; break;
                case 4: opType = text; break;
                case 7: domain = text; break;
                default: break;
            }
        }

        return new OnnxNode(opType, domain, name, inputs, outputs);
    }

    /// <summary>The length-delimited fields of one message; varint and fixed fields are skipped.</summary>
    private static IEnumerable<(int Field, ReadOnlyMemory<byte> Value)> Messages(ReadOnlyMemory<byte> message)
    {
        int pos = 0;
        while (pos < message.Length)
        {
            ulong key = Varint(message.Span, ref pos);
            int field = (int)(key >> 3);
            switch ((int)(key & 7))
            {
                case 0:
                    Varint(message.Span, ref pos);
                    break;
                case 1:
                    pos += 8;
                    break;
                case 2:
                    int length = checked((int)Varint(message.Span, ref pos));
                    yield return (field, message.Slice(pos, length));
                    pos += length;
                    break;
                case 5:
                    pos += 4;
                    break;
                default:
                    throw new InvalidDataException($"unsupported protobuf wire type {key & 7} at byte {pos}");
            }
        }
    }

    private static ulong Varint(ReadOnlySpan<byte> span, ref int pos)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = span[pos++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
