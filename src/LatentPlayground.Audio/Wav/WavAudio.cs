namespace LatentPlayground.Audio.Wav;

/// <summary>
/// Audio held in memory as one float array per channel (planar), integer formats scaled to [-1, 1).
/// The arrays are shared, not copied: whoever builds a WavAudio hands its arrays over.
/// </summary>
public sealed class WavAudio
{
    private readonly float[][] _samples;

    /// <param name="sampleRate">Frames per second, positive.</param>
    /// <param name="samples">One array per channel, all the same length.</param>
    /// <param name="sourceFormat">How the samples were stored where they came from.</param>
    public WavAudio(int sampleRate, IReadOnlyList<float[]> samples, WavSampleFormat sourceFormat = WavSampleFormat.Float32)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfZero(samples.Count, nameof(samples));
        _samples = [.. samples];
        foreach (float[] channel in _samples)
        {
            ArgumentNullException.ThrowIfNull(channel, nameof(samples));
            if (channel.Length != _samples[0].Length)
            {
                throw new ArgumentException("every channel must have the same number of frames", nameof(samples));
            }
        }

        if (!Enum.IsDefined(sourceFormat))
        {
            throw new ArgumentOutOfRangeException(nameof(sourceFormat), sourceFormat, "unknown sample format");
        }

        SampleRate = sampleRate;
        SourceFormat = sourceFormat;
        Samples = Array.AsReadOnly(_samples);
    }

    public int SampleRate { get; }

    public int Channels => _samples.Length;

    public int Frames => _samples[0].Length;

    public WavSampleFormat SourceFormat { get; }

    /// <summary>One array per channel; element i of each is frame i.</summary>
    public IReadOnlyList<float[]> Samples { get; }

    public TimeSpan Duration => TimeSpan.FromSeconds((double)Frames / SampleRate);
}
