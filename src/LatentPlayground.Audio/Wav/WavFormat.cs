namespace LatentPlayground.Audio.Wav;

/// <summary>What the fmt chunk says, once validated against what this reader supports.</summary>
internal sealed record WavFormat(int Channels, int SampleRate, WavSampleFormat SampleFormat)
{
    public int BlockAlign => Channels * SampleFormat.BytesPerSample;
}
