using LatentPlayground.Hardware.Adc;

namespace LatentPlayground.Hardware.Knobs;

/// <summary>
/// A pot on any ADC channel: reading / full-scale code, through a <see cref="KnobProcessor"/>.
/// Poll it every control tick; it reads the channel when a conversion is ready.
/// Thread: the control thread, for every member.
/// </summary>
public sealed class Knob
{
    private readonly IAdcChannel _channel;
    private readonly KnobProcessor _processor;

    /// <summary>A knob on <paramref name="channel"/> with <paramref name="options"/> (the defaults when null). Thread: any.</summary>
    public Knob(IAdcChannel channel, KnobOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (channel.FullScaleCode <= 0)
        {
            throw new ArgumentException("the channel's full-scale code must be positive", nameof(channel));
        }

        _channel = channel;
        _processor = new KnobProcessor(options);
    }

    /// <summary>The parameter value, 0..1 (the recalled value while a takeover is pending).</summary>
    public double Value => _processor.Value;

    /// <summary>True once a first reading or a recall gave a value.</summary>
    public bool HasValue => _processor.HasValue;

    /// <summary>Where the knob physically is, 0..1.</summary>
    public double Position => _processor.Position;

    /// <summary>True while the knob has not yet passed the recalled value.</summary>
    public bool TakeoverPending => _processor.TakeoverPending;

    /// <summary>The last raw code read.</summary>
    public int LastCode { get; private set; }

    /// <summary>Reads the channel if it has a new conversion; returns true when <see cref="Value"/> changed. Thread: control.</summary>
    public bool Poll()
    {
        if (!_channel.TryRead(out int code))
        {
            return false;
        }

        LastCode = code;
        return _processor.Process((double)code / _channel.FullScaleCode);
    }

    /// <summary>Sets the value after a preset recall and arms soft takeover. Thread: control.</summary>
    public void Recall(double stored) => _processor.Recall(stored);

    /// <summary>Drops a pending takeover. Thread: control.</summary>
    public void CancelTakeover() => _processor.CancelTakeover();
}
