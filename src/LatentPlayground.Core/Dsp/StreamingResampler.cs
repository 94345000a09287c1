namespace LatentPlayground.Core.Dsp;

/// <summary>
/// Sample-rate conversion in real time by a fixed rational ratio (44.1 kHz ↔ 48 kHz is 160/147), for a
/// pedal whose card cannot run at the model's rate. A polyphase Kaiser-windowed sinc: <see cref="ZeroCrossings"/>
/// zero crossings each side, beta <see cref="Beta"/>, cut off at 90 % of the lower rate's Nyquist frequency,
/// so the passband is flat to 0.9 × Nyquist (19.8 kHz at 44.1 kHz) and images and aliases are at least 60 dB down.
/// Output is the same whichever way the input is cut into blocks. The delay is fixed and reported in
/// <see cref="LatencyInputSamples"/>.
/// Thread: one owner (the audio thread live). Sized in the constructor; <see cref="Process"/> never allocates.
/// </summary>
public sealed class StreamingResampler
{
    public const int ZeroCrossings = 24;
    public const double Beta = 6.0;

    private readonly int _up;    // L: output phases per input sample
    private readonly int _down;  // M: input steps of 1/L per output sample
    private readonly int _taps;  // per phase
    private readonly float[] _bank; // [phase][tap], tap 0 multiplies the oldest sample of the window
    private readonly float[] _history; // the last _taps inputs, stored twice for contiguous windows
    private int _write;
    private long _phase; // position of the next output, in 1/L input samples, relative to the newest input
    private int _filled;

    public StreamingResampler(int fromRate, int toRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fromRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(toRate);
        int g = Gcd(fromRate, toRate);
        _up = toRate / g;
        _down = fromRate / g;
        FromRate = fromRate;
        ToRate = toRate;

        // Cut-off relative to the input rate: the lower Nyquist, less 10 %, so the transition ends by it.
        double cutoff = 0.90 * 0.5 * Math.Min(fromRate, toRate) / fromRate; // cycles per input sample
        // Zero crossings counted at the cut-off: half-width in input samples.
        int half = (int)Math.Ceiling(ZeroCrossings / (2 * cutoff));
        _taps = 2 * half;
        _bank = new float[_up * _taps];
        double i0Beta = BesselI0(Beta);
        for (int p = 0; p < _up; p++)
        {
            // Output at fractional position p/L past input n uses inputs n - half + 1 .. n + half.
            double sum = 0;
            for (int k = 0; k < _taps; k++)
            {
                double t = (k - half + 1) - ((double)p / _up); // input offset from the output instant
                double x = t / half;
                double window = Math.Abs(x) >= 1 ? 0 : BesselI0(Beta * Math.Sqrt(1 - (x * x))) / i0Beta;
                double sinc = t == 0 ? 1 : Math.Sin(2 * Math.PI * cutoff * t) / (2 * Math.PI * cutoff * t);
                double h = 2 * cutoff * sinc * window;
                _bank[(p * _taps) + k] = (float)h;
                sum += h;
            }

            // Unity gain at DC for every phase, so no phase leaves a ripple at the output rate.
            for (int k = 0; k < _taps; k++)
            {
                _bank[(p * _taps) + k] = (float)(_bank[(p * _taps) + k] / sum);
            }
        }

        _history = new float[2 * _taps];
        Reset();
    }

    public int FromRate { get; }

    public int ToRate { get; }

    /// <summary>The filter's delay, in input samples: an input event comes out this much later.</summary>
    public double LatencyInputSamples => _taps / 2;

    /// <summary>The most output samples one call can give for <paramref name="inputSamples"/> inputs.</summary>
    public int MaxOutput(int inputSamples) => (int)(((long)inputSamples * _up / _down) + 2);

    /// <summary>Back to silence, as at construction. Real-time: no allocation.</summary>
    public void Reset()
    {
        Array.Clear(_history);
        _write = 0;
        _phase = 0;
        _filled = 0;
    }

    /// <summary>
    /// Consumes all of <paramref name="input"/> and writes the outputs it completes; returns how many.
    /// <paramref name="output"/> must hold <see cref="MaxOutput"/> samples. Real-time: no allocation.
    /// </summary>
    public int Process(ReadOnlySpan<float> input, Span<float> output)
    {
        int written = 0;
        for (int i = 0; i < input.Length; i++)
        {
            _history[_write] = input[i];
            _history[_write + _taps] = input[i];
            _write = _write + 1 == _taps ? 0 : _write + 1;
            _filled = Math.Min(_filled + 1, _taps);

            // Outputs whose instant lies between this input and the next.
            while (_phase < _up)
            {
                int p = (int)_phase;
                ReadOnlySpan<float> window = _history.AsSpan(_write, _taps);
                ReadOnlySpan<float> h = _bank.AsSpan(p * _taps, _taps);
                float acc = 0;
                for (int k = 0; k < h.Length; k++)
                {
                    acc += h[k] * window[k];
                }

                output[written++] = acc;
                _phase += _down;
            }

            _phase -= _up;
        }

        return written;
    }

    /// <summary>
    /// How many outputs <paramref name="inputSamples"/> inputs would give from phase <paramref name="phase"/>
    /// (start from 0, as after <see cref="Reset"/>), advancing it: the same arithmetic as <see cref="Process"/>
    /// without the filtering, so a caller can size buffers for a whole stream of periods. Thread: any.
    /// </summary>
    public int CountOutputs(ref long phase, int inputSamples)
    {
        int count = 0;
        for (int i = 0; i < inputSamples; i++)
        {
            if (phase < _up)
            {
                long n = (_up - phase + _down - 1) / _down;
                count += (int)n;
                phase += n * _down;
            }

            phase -= _up;
        }

        return count;
    }

    internal static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    private static double BesselI0(double x)
    {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 64; k++)
        {
            term *= q / (k * k);
            sum += term;
            if (term < sum * 1e-17)
            {
                break;
            }
        }

        return sum;
    }
}
