namespace LatentPlayground.Audio.Alsa;

/// <summary>snd_pcm_state_t, with alsa-lib's values (include/pcm.h).</summary>
public enum PcmState
{
    Open = 0,
    Setup = 1,
    Prepared = 2,
    Running = 3,
    Xrun = 4,
    Draining = 5,
    Paused = 6,
    Suspended = 7,
    Disconnected = 8,
}
