using System.Diagnostics.CodeAnalysis;

namespace LatentPlayground.Audio.Wav;

/// <summary>How samples are stored in a WAV file's data chunk.</summary>
public enum WavSampleFormat
{
    /// <summary>16-bit signed integer PCM.</summary>
    Pcm16,

    /// <summary>24-bit signed integer PCM, packed in 3 bytes.</summary>
    Pcm24,

    /// <summary>32-bit signed integer PCM.</summary>
    Pcm32,

    /// <summary>32-bit IEEE float.</summary>
    [SuppressMessage("Naming", "CA1720", Justification = "Names a storage format as WAV tools name it, not a C# type.")]
    Float32,
}

public static class WavSampleFormatExtensions
{
    extension(WavSampleFormat format)
    {
        public int BitsPerSample => format switch
        {
            WavSampleFormat.Pcm16 => 16,
            WavSampleFormat.Pcm24 => 24,
            WavSampleFormat.Pcm32 or WavSampleFormat.Float32 => 32,
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown sample format"),
        };

        public int BytesPerSample => format.BitsPerSample / 8;

        public bool IsFloat => format == WavSampleFormat.Float32;

        /// <summary>Wording used in messages and listings, e.g. "24-bit PCM" or "32-bit float".</summary>
        public string Description => format.IsFloat ? $"{format.BitsPerSample}-bit float" : $"{format.BitsPerSample}-bit PCM";
    }
}
