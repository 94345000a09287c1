using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using LatentPlayground.Core.Ui;

namespace LatentPlayground.Output;

/// <summary>
/// Writes a framebuffer as an 8-bit greyscale PNG (PNG specification, 2nd edition, sections 5 and 11.2.2),
/// each pixel scaled to a square block, lit pixels in the light blue-white of the usual OLED modules' glass
/// rendered as grey 0xE6 and dark ones black. Only the chunks a viewer needs: IHDR, one IDAT, IEND.
/// </summary>
public static class PngWriter
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>The PNG bytes of <paramref name="frame"/> at <paramref name="scale"/> screen pixels per OLED pixel.</summary>
    public static byte[] Encode(Framebuffer frame, int scale)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        int width = Framebuffer.Width * scale, height = Framebuffer.Height * scale;
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);

        byte[] header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 0; // greyscale
        Chunk(png, "IHDR", header);

        using var raw = new MemoryStream();
        using (var z = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
        {
            byte[] row = new byte[width + 1]; // filter type 0 (None), then the pixels
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    row[x + 1] = frame.GetPixel(x / scale, y / scale) ? (byte)0xE6 : (byte)0x00;
                }

                z.Write(row);
            }
        }

        Chunk(png, "IDAT", raw.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(four, data.Length);
        png.Write(four);
        byte[] typeBytes = Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        uint crc = Crc(Crc(0xFFFFFFFFu, typeBytes), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(four, crc);
        png.Write(four);
    }

    // CRC-32 as the PNG specification's annex D defines it (polynomial EDB88320h, reflected).
    private static uint Crc(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildCrcTable()
    {
        uint[] table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
