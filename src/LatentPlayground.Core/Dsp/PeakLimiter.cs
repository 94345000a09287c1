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

    // Samples since the limiter last did anything: once a window's worth have passed, its state is
    // exactly "at rest" and a quiet block can skip the gain computer.
    private long _restRun;
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
        _restRun = _window;
    }

    /// <summary>True when the limiter has been idle for a whole window: its gain is exactly 1.</summary>
    public bool AtRest => _restRun >= _window;

    /// <summary>
    /// Processes a block with a constant ceiling. Bit-identical to calling <see cref="Process"/> per sample;
    /// when the limiter is at rest and the block never reaches the ceiling, it is only a delay.
    /// </summary>
    public void ProcessBlock(ReadOnlySpan<float> input, Span<float> output, double ceiling)
    {
        if (AtRest && MaxAbs(input) <= ceiling)
        {
            Delay(input, output);
            return;
        }

        for (int i = 0; i < input.Length; i++)
        {
            output[i] = Process(input[i], ceiling);
        }
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

        // Release rises toward 1 slowly but never above what the window needs; the last ulps snap to 1
        // so the limiter can come to rest.
        double rising = _released + (_release * (1.0 - _released));
        _released = Math.Min(windowMin, rising > 1.0 - 1e-12 ? 1.0 : rising);

        _sum += _released - _smooth[oldest];
        _smooth[oldest] = _released;
        _pos = oldest + 1 == _window ? 0 : oldest + 1;

        if (_released == 1.0 && need == 1.0)
        {
            _restRun++;
            if (_restRun == _window)
            {
                // Every averaged value is now exactly 1: drop the running sum's rounding drift.
                _sum = _window;
            }
        }
        else
        {
            _restRun = 0;
        }

        double gain = Math.Min(1.0, _sum / _window);
        Gain = gain;
        double y = delayed * gain;
        return (float)Math.Clamp(y, -ceiling, ceiling);
    }

    // At rest with the block under the ceiling, every step of Process reduces to this: the gain is 1,
    // the minimum queue holds one entry of 1, and the audio is only delayed.
    private void Delay(ReadOnlySpan<float> input, Span<float> output)
    {
        int done = 0;
        while (done < input.Length)
        {
            int n = Math.Min(input.Length - done, _audio.Length - _audioPos);
            _audio.AsSpan(_audioPos, n).CopyTo(output.Slice(done, n));
            input.Slice(done, n).CopyTo(_audio.AsSpan(_audioPos, n));
            _audioPos = _audioPos + n == _audio.Length ? 0 : _audioPos + n;
            done += n;
        }

        _sample += input.Length;
        _pos = (int)((_pos + input.Length) % _window);
        _minHead = 0;
        _minCount = 1;
        _minAt[0] = _sample - 1;
        _minValue[0] = 1.0;
        _restRun += input.Length;
        Gain = 1.0;
    }

    private static float MaxAbs(ReadOnlySpan<float> x)
    {
        float max = 0;
        foreach (float v in x)
        {
            max = Math.Max(max, Math.Abs(v));
        }

        return max;
    }

    // Adds this sample's need and returns the smallest need of the last window's samples. Entries that
    // can never be the minimum again (a smaller one came after them) are dropped from the back.
    private double SlidingMinimum(double need)
    {
        int size = _minAt.Length;
        while (_minCount > 0 && _minValue[Wrap(_minHead + _minCount - 1, size)] >= need)
        {
            _minCount--;
        }

        int tail = Wrap(_minHead + _minCount, size);
        _minAt[tail] = _sample;
        _minValue[tail] = need;
        _minCount++;

        while (_minAt[_minHead] <= _sample - _window)
        {
            _minHead = Wrap(_minHead + 1, size);
            _minCount--;
        }

        _sample++;
        return _minValue[_minHead];
    }

    private static int Wrap(int i, int size) => i >= size ? i - size : i;
}
