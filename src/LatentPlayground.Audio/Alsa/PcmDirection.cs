namespace LatentPlayground.Audio.Alsa;

/// <summary>snd_pcm_stream_t: which way the samples go.</summary>
public enum PcmDirection
{
    Playback = 0,
    Capture = 1,
}
