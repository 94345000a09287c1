using System.Globalization;

namespace LatentPlayground.Audio.Wav;

/// <summary>WAVE format tags this code meets, and names for the ones it refuses so the message says what the file is.</summary>
internal static class FormatTags
{
    public const int Pcm = 0x0001;
    public const int IeeeFloat = 0x0003;
    public const int Extensible = 0xFFFE;

    /// <summary>How messages cite a tag: its name where known, always its number in the hex used by the specifications.</summary>
    public static string Describe(int tag, string field)
    {
        string number = string.Create(CultureInfo.InvariantCulture, $"0x{tag:X4}");
        string? name = Name(tag);
        return name is null ? $"{field} {number}" : $"{name}, {field} {number}";
    }

    private static string? Name(int tag) => tag switch
    {
        Pcm => "PCM",
        0x0002 => "Microsoft ADPCM",
        IeeeFloat => "IEEE float",
        0x0006 => "A-law",
        0x0007 => "mu-law",
        0x0011 => "IMA ADPCM",
        0x0031 => "GSM 6.10",
        0x0050 => "MPEG",
        0x0055 => "MPEG Layer 3",
        0x00FF => "AAC",
        0x2000 => "AC-3",
        0xF1AC => "FLAC",
        _ => null,
    };
}
