using System.Buffers.Binary;

namespace LatentPlayground.Inference.Weights;

/// <summary>
/// Reads the protocol buffers wire format (https://protobuf.dev/programming-guides/encoding/) as far as an ONNX
/// file needs: varints, 32- and 64-bit fields and length-delimited fields, over a span. Enough to walk
/// ModelProto → GraphProto → NodeProto and TensorProto without a protobuf library; a malformed file throws
/// <see cref="InvalidDataException"/>. Thread: any; a reader is used by one thread.
/// </summary>
internal ref struct ProtoReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly bool End => _position >= _data.Length;

    /// <summary>The next field's number and wire type (0 varint, 1 64-bit, 2 length-delimited, 5 32-bit).</summary>
    public (int Field, int WireType) ReadTag()
    {
        ulong tag = ReadVarint();
        return ((int)(tag >> 3), (int)(tag & 7));
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw new InvalidDataException("a varint runs past the end");
            }

            byte b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("a varint is longer than 10 bytes");
    }

    /// <summary>A length-delimited field's bytes.</summary>
    public ReadOnlySpan<byte> ReadBytes()
    {
        ulong length = ReadVarint();
        if (length > (ulong)(_data.Length - _position))
        {
            throw new InvalidDataException("a field runs past the end");
        }

        ReadOnlySpan<byte> bytes = _data.Slice(_position, (int)length);
        _position += (int)length;
        return bytes;
    }

    public string ReadString() => System.Text.Encoding.UTF8.GetString(ReadBytes());

    public uint ReadFixed32()
    {
        Need(4);
        uint v = BinaryPrimitives.ReadUInt32LittleEndian(_data[_position..]);
        _position += 4;
        return v;
    }

    /// <summary>Skips a field of <paramref name="wireType"/>.</summary>
    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0:
                _ = ReadVarint();
                break;
            case 1:
                Need(8);
                _position += 8;
                break;
            case 2:
                _ = ReadBytes();
                break;
            case 5:
                Need(4);
                _position += 4;
                break;
            default:
                throw new InvalidDataException($"wire type {wireType} is not one protobuf uses");
        }
    }

    private readonly void Need(int bytes)
    {
        if (_data.Length - _position < bytes)
        {
            throw new InvalidDataException("a field runs past the end");
        }
    }
}
