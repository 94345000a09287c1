namespace LatentPlayground.Core.Dsp;

/// <summary>
/// A look-ahead brickwall limiter that never lets a sample past the ceiling and never steps its gain.
/// The gain each sample needs is min-filtered over the look-ahead window, released slowly, then
/// box-averaged over the same window while the audio is delayed by it: every gain value applied to a
/// peak is an average of values that already honour that peak, so there is no overshoot, and the
/// average turns every gain change into a ramp at least one window long, so there is no click.
/// A final clamp catches float rounding. Latency: <see cref="Lookahead"/> samples, whether or not it limits.
/// Thread: one owner (the audio thread live); sized at construction, never allocates.
/// </summary>
public sealed class PeakLimiter
{
    private readonly int _window;
    private readonly float[] _audio;
    private readonly double[] _smooth;

    // Sliding minimum of the needed gain over the window, as a monotonic deque: O(1) per sample
    // instead of scanning the window, which matters at 48 kHz on a Pi core.
    private readonly long[] _minAt;
    private readonly double[] _minValue;
    private int _minHead;
    private int _minCount;
    private long _sample;
    private readonly double _release;
    private int _pos;
    private int _audioPos;
    private double _released = 1.0;
    private double _sum;

    /// <param name="lookahead">Look-ahead in samples; also the attack time.</param>
    /// <param name="releaseSamples">Time constant of the gain's recovery, in samples.</param>
    public PeakLimiter(int lookahead, double releaseSamples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookahead, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(releaseSamples);
        _window = lookahead + 1;
        _audio = new float[lookahead];
        _smooth = new double[_window];
        _minAt = new long[_window + 1];
        _minValue = new double[_window + 1];
        _release = 1.0 - Math.Exp(-1.0 / releaseSamples);
        Reset();
    }

    /// <summary>Delay the limiter adds to the signal, in samples.</summary>
    public int Lookahead => _window - 1;

    /// <summary>The gain applied to the last sample out, for a gain-reduction meter.</summary>
    public double Gain { get; private set; } = 1.0;

    public void Reset()
    {
        Array.Clear(_audio);
        Array.Fill(_smooth, 1.0);
        _sum = _window;
        _released = 1.0;
        _pos = 0;
        _audioPos = 0;
        Gain = 1.0;
        _minHead = 0;
        _minCount = 0;
        _sample = 0;
    }

    /// <summary>Takes one sample in, returns the limited sample from <see cref="Lookahead"/> samples ago.</summary>
    /// <param name="x">The new sample.</param>
    /// <param name="ceiling">Highest magnitude allowed out, linear (not dB), greater than 0.</param>
    public float Process(float x, double ceiling)
    {
        double magnitude = Math.Abs((double)x);
        double need = magnitude > ceiling ? ceiling / magnitude : 1.0;

        // The audio waits exactly the look-ahead; the gain averages over one sample more, so that every
        // value averaged for a peak already saw it.
        float delayed = _audio[_audioPos];
        _audio[_audioPos] = x;
        _audioPos = _audioPos + 1 == _audio.Length ? 0 : _audioPos + 1;
        int oldest = _pos;

        double windowMin = SlidingMinimum(need);

        // Release rises toward 1 slowly but never above what the window needs.
        _released = Math.Min(windowMin, _released + (_release * (1.0 - _released)));

        _sum += _released - _smooth[oldest];
        _smooth[oldest] = _released;
        _pos = oldest + 1 == _window ? 0 : oldest + 1;

        double gain = Math.Min(1.0, _sum / _window);
        Gain = gain;
        double y = delayed * gain;
        return (float)Math.Clamp(y, -ceiling, ceiling);
    }

    // Adds this sample's need and returns the smallest need of the last window's samples. Entries that
    // can never be the minimum again (a smaller one came after them) are dropped from the back.
    private double SlidingMinimum(double need)
    {
        int size = _minAt.Length;
        while (_minCount > 0 && _minValue[(_minHead + _minCount - 1) % size] >= need)
        {
            _minCount--;
        }

        int tail = (_minHead + _minCount) % size;
        _minAt[tail] = _sample;
        _minValue[tail] = need;
        _minCount++;

        while (_minAt[_minHead] <= _sample - _window)
        {
            _minHead = (_minHead + 1) % size;
            _minCount--;
        }

        _sample++;
        return _minValue[_minHead];
    }
}
