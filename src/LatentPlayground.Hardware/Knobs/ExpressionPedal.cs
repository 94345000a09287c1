using LatentPlayground.Hardware.Adc;

namespace LatentPlayground.Hardware.Knobs;

/// <summary>
/// An expression pedal on any ADC channel: like a <see cref="Knob"/> (smoothing, hysteresis, soft takeover),
/// with the travel taken from a <see cref="PedalCalibration"/> instead of the converter's full scale, and a
/// calibration mode. Thread: the control thread, for every member.
/// </summary>
public sealed class ExpressionPedal
{
    private readonly IAdcChannel _channel;
    private readonly KnobProcessor _processor;
    private PedalCalibrator? _calibrator;

    /// <summary>
    /// A pedal on <paramref name="channel"/>, with <paramref name="calibration"/> (the converter's full range
    /// when null) and <paramref name="options"/> (the knob defaults when null).
    ///  Thread: any.</summary>
    public ExpressionPedal(IAdcChannel channel, PedalCalibration? calibration = null, KnobOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        _channel = channel;
        Calibration = calibration ?? PedalCalibration.FullRange(channel.FullScaleCode);
        _ = Calibration.Normalize(0); // throws on an empty range
        _processor = new KnobProcessor(options);
    }

    /// <summary>The travel in use.</summary>
    public PedalCalibration Calibration { get; private set; }

    /// <summary>True between <see cref="BeginCalibration"/> and <see cref="EndCalibration"/>.</summary>
    public bool IsCalibrating => _calibrator is not null;

    /// <summary>The parameter value, 0..1 (heel to toe).</summary>
    public double Value => _processor.Value;

    /// <summary>True once a first reading or a recall gave a value.</summary>
    public bool HasValue => _processor.HasValue;

    /// <summary>Where the pedal physically is, 0..1.</summary>
    public double Position => _processor.Position;

    /// <summary>True while the pedal has not yet passed the recalled value.</summary>
    public bool TakeoverPending => _processor.TakeoverPending;

    /// <summary>
    /// Reads the channel if it has a new conversion; returns true when <see cref="Value"/> changed.
    /// While calibrating, readings only feed the calibration and nothing changes. Thread: control.
    /// </summary>
    public bool Poll()
    {
        if (!_channel.TryRead(out int code))
        {
            return false;
        }

        LastCode = code;

        if (_calibrator is not null)
        {
            _calibrator.Observe(code);
            return false;
        }

        return _processor.Process(Calibration.Normalize(code));
    }

    /// <summary>The last raw code read (during calibration too), or -1 before any.</summary>
    public int LastCode { get; private set; } = -1;

    /// <summary>Sets a stored calibration (from the settings file). Thread: control.</summary>
    public void SetCalibration(PedalCalibration calibration)
    {
        _ = calibration.Normalize(0);
        Calibration = calibration;
    }

    /// <summary>
    /// Starts learning the travel: rock the pedal heel to toe, then call <see cref="EndCalibration"/>.
    /// A travel must span at least a tenth of the converter's range. Thread: control.
    /// </summary>
    public void BeginCalibration() => _calibrator = new PedalCalibrator(Math.Max(1, _channel.FullScaleCode / 10));

    /// <summary>
    /// Ends calibration. On success the learnt travel is in use; otherwise the previous one stays and
    /// <paramref name="problem"/> says why. Thread: control.
    /// </summary>
    public bool EndCalibration(bool reversed, out string problem)
    {
        PedalCalibrator calibrator = _calibrator ?? throw new InvalidOperationException("no calibration in progress");
        _calibrator = null;
        if (!calibrator.TryFinish(reversed, out PedalCalibration learnt, out problem))
        {
            return false;
        }

        Calibration = learnt;
        return true;
    }

    /// <summary>Sets the value after a preset recall and arms soft takeover. Thread: control.</summary>
    public void Recall(double stored) => _processor.Recall(stored);
}
