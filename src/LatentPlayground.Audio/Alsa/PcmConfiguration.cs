using System.Globalization;

namespace LatentPlayground.Audio.Alsa;

/// <summary>What a PCM was actually set to, read back from alsa-lib after snd_pcm_hw_params. Thread: any.</summary>
public sealed record PcmConfiguration(
    string Name,
    PcmDirection Direction,
    int SampleRate,
    int Channels,
    PcmSampleFormat Format,
    int PeriodFrames,
    int Periods,
    int BufferFrames)
{
    public int BytesPerFrame => Channels * Format.BytesPerSample();

    /// <summary>One line for the startup log.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{(Direction == PcmDirection.Capture ? "capture" : "playback")} '{Name}': {SampleRate} Hz, {Channels} ch, {Format.AlsaName()}, {PeriodFrames} frames x {Periods} periods (buffer {BufferFrames})");
}
