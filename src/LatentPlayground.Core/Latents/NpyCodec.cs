using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace LatentPlayground.Core.Latents;

/// <summary>
/// numpy's .npy format for latent arrays of shape (frames, dimensions), as the reference's scripts save them:
/// float32 or float64, either byte order, C or Fortran order, format versions 1 to 3. Anything else (other
/// shapes, integer types, object arrays, a truncated file) is refused with one line saying what it is.
/// Pure: works on bytes and streams. Any thread.
/// </summary>
public static class NpyCodec
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads a whole .npy file held in memory.</summary>
    /// <exception cref="LatentFormatException">Not a .npy latent array, or one holding NaN, infinity or no values.</exception>
    public static LatentArray Read(ReadOnlySpan<byte> file)
    {
        if (file.Length < 10 || !file[..6].SequenceEqual(Magic))
        {
            throw new LatentFormatException("not a .npy file (no \\x93NUMPY magic)");
        }

        int major = file[6];
        int headerLength, headerStart;
        switch (major)
        {
            case 1:
                headerLength = BinaryPrimitives.ReadUInt16LittleEndian(file[8..]);
                headerStart = 10;
                break;
            case 2 or 3 when file.Length >= 12:
                uint length = BinaryPrimitives.ReadUInt32LittleEndian(file[8..]);
                headerLength = length > int.MaxValue ? int.MaxValue : (int)length;
                headerStart = 12;
                break;
            default:
                throw new LatentFormatException($".npy format version {major}.{file[7]} is not one of 1.0, 2.0, 3.0");
        }

        if ((long)headerStart + headerLength > file.Length)
        {
            throw new LatentFormatException("the .npy header runs past the end of the file");
        }

        // Version 3 allows UTF-8 in the header; the fields this reads are ASCII either way.
        string header = Encoding.UTF8.GetString(file.Slice(headerStart, headerLength));
        string descr = Field(header, "descr");
        string order = Field(header, "fortran_order");
        string shapeText = Field(header, "shape");
        (int size, bool bigEndian) = descr.Trim('\'', '"') switch
        {
            "<f4" => (4, false),
            ">f4" => (4, true),
            "<f8" => (8, false),
            ">f8" => (8, true),
            _ => throw new LatentFormatException($"dtype {descr} is not float32 or float64"),
        };
        bool fortran = order switch
        {
            "True" => true,
            "False" => false,
            _ => throw new LatentFormatException($"fortran_order is {order}, not True or False"),
        };
        long[] shape = Shape(shapeText);
        if (shape.Length != 2)
        {
            throw new LatentFormatException($"shape {shapeText} is not (frames, dimensions)");
        }

        if (shape[0] == 0 || shape[1] == 0)
        {
            throw new LatentFormatException($"shape {shapeText} holds no values: an empty latent array");
        }

        if (shape[1] > int.MaxValue)
        {
            throw new LatentFormatException($"shape {shapeText} has too many dimensions");
        }

        LatentArray.CheckSize(shape[0], (int)shape[1]);
        int frames = (int)shape[0], dimensions = (int)shape[1];
        ReadOnlySpan<byte> data = file[(headerStart + headerLength)..];
        long expected = (long)frames * dimensions * size;
        if (data.Length != expected)
        {
            throw new LatentFormatException(string.Create(CultureInfo.InvariantCulture,
                $"{data.Length} bytes of data where shape {shapeText} of {descr.Trim('\'', '"')} needs {expected}{(data.Length < expected ? " (truncated)" : "")}"));
        }

        var values = new double[frames * dimensions];
        for (int f = 0; f < frames; f++)
        {
            for (int d = 0; d < dimensions; d++)
            {
                // Fortran order stores dimension by dimension: element (f, d) is at d·frames + f.
                long at = (fortran ? ((long)d * frames) + f : ((long)f * dimensions) + d) * size;
                ReadOnlySpan<byte> bytes = data.Slice((int)at, size);
                values[(f * dimensions) + d] = size == 4
                    ? (bigEndian ? BinaryPrimitives.ReadSingleBigEndian(bytes) : BinaryPrimitives.ReadSingleLittleEndian(bytes))
                    : (bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(bytes) : BinaryPrimitives.ReadDoubleLittleEndian(bytes));
            }
        }

        return new LatentArray(frames, dimensions, values);
    }

    /// <summary>Writes <paramref name="array"/> as a version 1.0 .npy, C order, little-endian.</summary>
    public static void Write(Stream stream, LatentArray array, LatentPrecision precision)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(array);
        string descr = precision == LatentPrecision.Bits32 ? "<f4" : "<f8";
        string dict = string.Create(CultureInfo.InvariantCulture,
            $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({array.Frames}, {array.Dimensions}), }}");
        // numpy pads the header with spaces and a final newline so the data starts on a 64-byte boundary.
        int unpadded = 10 + dict.Length + 1;
        int padding = (64 - (unpadded % 64)) % 64;
        string header = dict + new string(' ', padding) + "\n";
        Span<byte> preamble = stackalloc byte[10];
        Magic.CopyTo(preamble);
        preamble[6] = 1;
        preamble[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(preamble[8..], (ushort)header.Length);
        stream.Write(preamble);
        stream.Write(Encoding.ASCII.GetBytes(header));
        int size = precision == LatentPrecision.Bits32 ? 4 : 8;
        byte[] row = new byte[array.Dimensions * size];
        for (int f = 0; f < array.Frames; f++)
        {
            ReadOnlySpan<double> values = array.Row(f);
            for (int d = 0; d < values.Length; d++)
            {
                if (size == 4)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(row.AsSpan(d * 4), (float)values[d]);
                }
                else
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(row.AsSpan(d * 8), values[d]);
                }
            }

            stream.Write(row);
        }
    }

    // The header is a Python dict literal; these three keys hold simple values (a string, a bool, a tuple).
    private static string Field(string header, string key)
    {
        int at = header.IndexOf($"'{key}'", StringComparison.Ordinal);
        if (at < 0)
        {
            at = header.IndexOf($"\"{key}\"", StringComparison.Ordinal);
        }

        int colon = at < 0 ? -1 : header.IndexOf(':', at + key.Length + 2);
        if (colon < 0)
        {
            throw new LatentFormatException($"the .npy header has no '{key}'");
        }

        int start = colon + 1;
        while (start < header.Length && header[start] == ' ')
        {
            start++;
        }

        int end;
        if (start < header.Length && header[start] == '(')
        {
            end = header.IndexOf(')', start);
            if (end < 0)
            {
                throw new LatentFormatException($"the .npy header's '{key}' is not closed");
            }

            end++;
        }
        else
        {
            end = start;
            while (end < header.Length && header[end] is not (',' or '}'))
            {
                end++;
            }
        }

        return header[start..end].Trim();
    }

    private static long[] Shape(string text)
    {
        string inner = text.Trim('(', ')');
        string[] parts = inner.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var shape = new long[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out shape[i]))
            {
                throw new LatentFormatException($"shape {text} is not a tuple of sizes");
            }
        }

        return shape;
    }
}
