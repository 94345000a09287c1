namespace LatentPlayground.Core.Dsp;

/// <summary>
/// Lets an engine built for the model's rate play on a card that runs at another (a 48 kHz model on a
/// 44.1 kHz card, or the reverse). Each card period is resampled to the model's rate, the engine processes
/// however many model frames that gives, and its output is resampled back into a small FIFO from which
/// exactly one card period is taken. The FIFO starts with just enough silence that it can never run dry:
/// the frame counts of both resamplers are exact rational sequences, so the shortfall is worked out once,
/// here, by counting a whole cycle of periods. The added delay is therefore fixed and reported in
/// <see cref="LatencyCardSamples"/>; the dry signal takes the same round trip, so it stays aligned with the
/// wet one.
/// Thread: one owner (the audio thread live). Sized in the constructor; <see cref="ToModel"/> and
/// <see cref="FromModel"/> never allocate.
/// </summary>
public sealed class RateBridge
{
    // Beyond this many phases the filter bank outgrows what a pedal should hold (e.g. 44100 → 47999 Hz).
    private const int MaxPhases = 1000;

    private const int CyclePeriodsCap = 100_000;

    private readonly int _channels;
    private readonly int _cardPeriod;
    private readonly StreamingResampler[] _up;
    private readonly StreamingResampler[] _down;
    private readonly float[] _monoIn;
    private readonly float[] _monoOut;
    private readonly float[][] _fifo; // per channel, card-rate samples waiting to be played
    private readonly int _prefill;
    private int _fifoRead;
    private int _fifoCount;

    /// <exception cref="ArgumentException">The two rates have no small common ratio.</exception>
    public RateBridge(int cardRate, int modelRate, int channels, int cardPeriodFrames)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cardRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(modelRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cardPeriodFrames);
        if (!Supports(cardRate, modelRate))
        {
            throw new ArgumentException($"{cardRate} Hz and {modelRate} Hz have no small ratio to resample by", nameof(cardRate));
        }

        CardRate = cardRate;
        ModelRate = modelRate;
        _channels = channels;
        _cardPeriod = cardPeriodFrames;
        _up = new StreamingResampler[channels];
        _down = new StreamingResampler[channels];
        for (int c = 0; c < channels; c++)
        {
            _up[c] = new StreamingResampler(cardRate, modelRate);
            _down[c] = new StreamingResampler(modelRate, cardRate);
        }

        MaxModelFrames = _up[0].MaxOutput(cardPeriodFrames);
        (int shortfall, int excess) = CountCycle(_up[0], _down[0], cardPeriodFrames);
        _prefill = shortfall;
        int capacity = _prefill + excess + _down[0].MaxOutput(MaxModelFrames) + cardPeriodFrames;
        _fifo = new float[channels][];
        for (int c = 0; c < channels; c++)
        {
            _fifo[c] = new float[capacity];
        }

        _monoIn = new float[Math.Max(cardPeriodFrames, MaxModelFrames)];
        _monoOut = new float[Math.Max(MaxModelFrames, _down[0].MaxOutput(MaxModelFrames))];

        // Both filters' delays, each in its own rate's samples, plus the FIFO's silence.
        double filters = _up[0].LatencyInputSamples + (_down[0].LatencyInputSamples * cardRate / modelRate);
        LatencyCardSamples = (int)Math.Round(filters) + _prefill;
        Reset();
    }

    public int CardRate { get; }

    public int ModelRate { get; }

    /// <summary>The most model frames one card period becomes: the engine must take periods this long.</summary>
    public int MaxModelFrames { get; }

    /// <summary>The delay the round trip adds, in card samples, rounded to the nearest.</summary>
    public int LatencyCardSamples { get; }

    /// <summary>Card periods in which the FIFO had too little to play (a period longer than the one sized for). Thread: the owner.</summary>
    public long Underruns { get; private set; }

    /// <summary>Whether the bridge can convert between these rates.</summary>
    public static bool Supports(int cardRate, int modelRate)
    {
        int g = StreamingResampler.Gcd(cardRate, modelRate);
        return cardRate / g <= MaxPhases && modelRate / g <= MaxPhases;
    }

    /// <summary>Back to silence with the FIFO prefilled, as at construction. Real-time: no allocation.</summary>
    public void Reset()
    {
        for (int c = 0; c < _channels; c++)
        {
            _up[c].Reset();
            _down[c].Reset();
            Array.Clear(_fifo[c]);
        }

        _fifoRead = 0;
        _fifoCount = _prefill;
        Underruns = 0;
    }

    /// <summary>
    /// Resamples one card period (interleaved) to the model's rate (interleaved) and returns the model frames
    /// written; <paramref name="modelInput"/> must hold <see cref="MaxModelFrames"/> frames.
    /// Thread: the owner. Real-time: no allocation.
    /// </summary>
    public int ToModel(ReadOnlySpan<float> cardInput, int cardFrames, Span<float> modelInput)
    {
        int frames = 0;
        for (int c = 0; c < _channels; c++)
        {
            for (int i = 0; i < cardFrames; i++)
            {
                _monoIn[i] = cardInput[(i * _channels) + c];
            }

            frames = _up[c].Process(_monoIn.AsSpan(0, cardFrames), _monoOut);
            for (int i = 0; i < frames; i++)
            {
                modelInput[(i * _channels) + c] = _monoOut[i];
            }
        }

        return frames;
    }

    /// <summary>
    /// Resamples the engine's output (interleaved, <paramref name="modelFrames"/> frames) back to the card's
    /// rate and fills exactly <paramref name="cardFrames"/> frames of <paramref name="cardOutput"/>.
    /// Thread: the owner. Real-time: no allocation.
    /// </summary>
    public void FromModel(ReadOnlySpan<float> modelOutput, int modelFrames, Span<float> cardOutput, int cardFrames)
    {
        int capacity = _fifo[0].Length;
        int added = 0;
        for (int c = 0; c < _channels; c++)
        {
            for (int i = 0; i < modelFrames; i++)
            {
                _monoIn[i] = modelOutput[(i * _channels) + c];
            }

            added = _down[c].Process(_monoIn.AsSpan(0, modelFrames), _monoOut);
            int write = (_fifoRead + _fifoCount) % capacity;
            float[] fifo = _fifo[c];
            for (int i = 0; i < added; i++)
            {
                fifo[write] = _monoOut[i];
                write = write + 1 == capacity ? 0 : write + 1;
            }
        }

        // A longer-than-sized period would overflow: the oldest samples go, the stream stays one period wide.
        _fifoCount = Math.Min(_fifoCount + added, capacity);
        int take = Math.Min(cardFrames, _fifoCount);
        if (take < cardFrames)
        {
            Underruns++;
        }

        for (int c = 0; c < _channels; c++)
        {
            float[] fifo = _fifo[c];
            int read = _fifoRead;
            for (int i = 0; i < cardFrames; i++)
            {
                if (i < take)
                {
                    cardOutput[(i * _channels) + c] = fifo[read];
                    read = read + 1 == capacity ? 0 : read + 1;
                }
                else
                {
                    cardOutput[(i * _channels) + c] = 0f;
                }
            }
        }

        _fifoRead = (_fifoRead + take) % capacity;
        _fifoCount -= take;
    }

    // Counts, without filtering, a whole cycle of periods (until both resamplers' phases repeat at a period
    // boundary): the largest shortfall of the FIFO below one period, and its largest excess above it.
    private static (int Shortfall, int Excess) CountCycle(StreamingResampler up, StreamingResampler down, int period)
    {
        long upPhase = 0, downPhase = 0, balance = 0;
        long worstShort = 0, worstExcess = 0;
        for (int k = 0; k < CyclePeriodsCap; k++)
        {
            int modelFrames = up.CountOutputs(ref upPhase, period);
            int cardFrames = down.CountOutputs(ref downPhase, modelFrames);
            balance += cardFrames - period;
            worstShort = Math.Min(worstShort, balance);
            worstExcess = Math.Max(worstExcess, balance);
            if (upPhase == 0 && downPhase == 0 && k > 0)
            {
                break;
            }
        }

        return ((int)-worstShort, (int)worstExcess);
    }
}
