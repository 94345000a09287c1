using System.Text;

namespace LatentPlayground.Inference.Tests;

/// <summary>
/// Writes one-node ONNX graphs straight in the protobuf wire format, so tests can make model packages of
/// any hop, latent size and rate without Python: ModelProto (ir_version 1, opset_import 8, graph 7,
/// metadata_props 14) → GraphProto (node 1, name 2, initializer 5, input 11, output 12) → NodeProto
/// (input 1, output 2, name 3, op_type 4, attribute 5), TensorProto (dims 1, data_type 2, name 8,
/// raw_data 9), ValueInfoProto (name 1, type 2 → tensor_type 1 → elem_type 1, shape 2 → dim 1 → dim_value 1).
/// Thread: any.
/// </summary>
internal static class OnnxGraphWriter
{
    private const int FloatType = 1;
    private const int IntsAttribute = 7;

    /// <summary>
    /// A graph computing <c>output = opType(input, weight)</c> with a <c>strides</c> attribute: Conv or
    /// ConvTranspose over one axis, which is all a one-hop linear codec needs.
    /// </summary>
    /// <param name="metadata">Written as metadata_props, as the exporter writes the model's scalar facts.</param>
    public static byte[] SingleNode(
        string opType,
        (string Name, long[] Shape) input,
        (string Name, long[] Shape) output,
        long[] weightShape,
        float[] weight,
        long stride,
        IReadOnlyDictionary<string, string> metadata)
    {
        var graph = new Proto();
        graph.Message(1, node =>
        {
            node.String(1, input.Name);
            node.String(1, "weight");
            node.String(2, output.Name);
            node.String(3, opType.ToLowerInvariant());
            node.String(4, opType);
            node.Message(5, attribute =>
            {
                attribute.String(1, "strides");
                attribute.Varint(8, (ulong)stride);
                attribute.Varint(20, IntsAttribute);
            });
        });
        graph.String(2, "synthetic");
        graph.Message(5, tensor =>
        {
            foreach (long d in weightShape)
            {
                tensor.Varint(1, (ulong)d);
            }

            tensor.Varint(2, FloatType);
            tensor.String(8, "weight");
            var raw = new byte[weight.Length * sizeof(float)];
            Buffer.BlockCopy(weight, 0, raw, 0, raw.Length);
            tensor.Bytes(9, raw);
        });
        graph.Message(11, v => ValueInfo(v, input.Name, input.Shape));
        graph.Message(12, v => ValueInfo(v, output.Name, output.Shape));

        var model = new Proto();
        model.Varint(1, 8);
        model.String(2, "LatentPlayground tests");
        model.Message(8, opset =>
        {
            opset.String(1, "");
            opset.Varint(2, 17);
        });
        model.Bytes(7, graph.ToArray());
        foreach ((string key, string value) in metadata)
        {
            model.Message(14, entry =>
            {
                entry.String(1, key);
                entry.String(2, value);
            });
        }

        return model.ToArray();
    }

    private static void ValueInfo(Proto v, string name, long[] shape)
    {
        v.String(1, name);
        v.Message(2, type => type.Message(1, tensor =>
        {
            tensor.Varint(1, FloatType);
            tensor.Message(2, s =>
            {
                foreach (long d in shape)
                {
                    s.Message(1, dim => dim.Varint(1, (ulong)d));
                }
            });
        }));
    }

    /// <summary>A protobuf message being written: varint and length-delimited fields only.</summary>
    private sealed class Proto
    {
        private readonly List<byte> _bytes = [];

        public void Varint(int field, ulong value)
        {
            Raw(((ulong)field << 3) | 0);
            Raw(value);
        }

        public void Bytes(int field, byte[] value)
        {
            Raw(((ulong)field << 3) | 2);
            Raw((ulong)value.Length);
            _bytes.AddRange(value);
        }

        public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public void Message(int field, Action<Proto> write)
        {
            var inner = new Proto();
            write(inner);
            Bytes(field, inner.ToArray());
        }

        public byte[] ToArray() => _bytes.ToArray();

        private void Raw(ulong value)
        {
            while (value >= 0x80)
            {
                _bytes.Add((byte)(value | 0x80));
                value >>= 7;
            }

            _bytes.Add((byte)value);
        }
    }
}
