namespace LatentPlayground.Audio.Live;

/// <summary>
/// The fade to silence the audio thread plays before it stops: stopping on a loud sample would end the
/// sound with a click, and what is queued behind it plays out (the stream drains) before the card stops.
/// Thread: the audio thread only. Allocation-free.
/// </summary>
internal sealed class OutputFade
{
    private readonly int _frames;
    private int _done = -1;

    /// <param name="frames">Length of the fade in frames (at least 1).</param>
    public OutputFade(int frames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        _frames = frames;
    }

    public bool Started => _done >= 0;

    /// <summary>Thread: audio. The next period starts the fade.</summary>
    public void Begin()
    {
        if (_done < 0)
        {
            _done = 0;
        }
    }

    /// <summary>
    /// Thread: audio. Scales one interleaved period along the fade (a no-op before <see cref="Begin"/>);
    /// returns true once the fade has reached silence within or at the end of this period.
    /// </summary>
    public bool Apply(Span<float> interleaved, int channels)
    {
        if (_done < 0)
        {
            return false;
        }

        int frames = interleaved.Length / channels;
        for (int f = 0; f < frames; f++)
        {
            float gain = _done >= _frames ? 0f : 1f - ((float)(_done + 1) / _frames);
            for (int c = 0; c < channels; c++)
            {
                interleaved[(f * channels) + c] *= gain;
            }

            _done++;
        }

        return _done >= _frames;
    }
}
