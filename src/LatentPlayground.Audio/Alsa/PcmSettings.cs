namespace LatentPlayground.Audio.Alsa;

/// <summary>
/// What to ask a PCM for. The buffer is <see cref="Periods"/> × <see cref="PeriodFrames"/>; both are set
/// explicitly because plugin defaults can be very large (the file plugin then hands capture data back
/// with gaps). Thread: any; immutable.
/// </summary>
/// <param name="SampleRate">Frames per second.</param>
/// <param name="Channels">Interleaved channels per frame.</param>
/// <param name="PeriodFrames">Frames per period: the unit the audio thread reads and writes.</param>
/// <param name="Periods">Periods in the ring buffer.</param>
public sealed record PcmSettings(int SampleRate, int Channels, int PeriodFrames, int Periods)
{
    /// <summary>Formats in order of preference; the first one the device offers is used.</summary>
    public IReadOnlyList<PcmSampleFormat> Formats { get; init; } = PcmSampleFormats.DefaultPreference;

    /// <summary>When false, the nearest rate the device offers is taken and reported in the configuration.</summary>
    public bool RequireExactRate { get; init; } = true;

    /// <summary>snd_pcm_sw_params_set_start_threshold; null means never start on its own, only on an explicit
    /// start (the threshold is set to the boundary, as snd_pcm_sw_params(3) suggests).</summary>
    public long? StartThresholdFrames { get; init; }

    /// <summary>snd_pcm_sw_params_set_avail_min; null means one period.</summary>
    public long? AvailMinFrames { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(SampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(PeriodFrames);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Periods);
        if (Formats is null || Formats.Count == 0)
        {
            throw new ArgumentException("at least one sample format must be allowed", nameof(Formats));
        }
    }
}
