namespace LatentPlayground.Hardware.Adc;

/// <summary>
/// Converts a list of ADS1115 inputs round-robin without ever waiting: each <see cref="Poll"/> makes at most
/// one step (start a conversion, or see that it finished, read it and start the next channel). At 860 SPS
/// and a 1 ms control tick, each of four inputs is refreshed about 100 times a second.
/// The channels it hands out (<see cref="Channel"/>) are <see cref="IAdcChannel"/>s for knob processing.
/// Thread: the control thread only, for every member.
/// </summary>
public sealed class Ads1115Scanner : IDisposable
{
    private readonly Ads1115 _adc;
    private readonly ScannedChannel[] _channels;
    private int _current = -1;   // index into _channels of the conversion in flight, -1 when none

    /// <summary>
    /// Scans <paramref name="inputs"/> (AIN numbers, each at most once) of <paramref name="adc"/>.
    /// <paramref name="potSupplyVolts"/> is the voltage across the pots (3.3 V on the pedal), which sets
    /// the code of a wiper at the top of its travel.
    ///  Thread: any.</summary>
    public Ads1115Scanner(Ads1115 adc, ReadOnlySpan<int> inputs, double potSupplyVolts)
    {
        ArgumentNullException.ThrowIfNull(adc);
        if (inputs.IsEmpty)
        {
            throw new ArgumentException("scan at least one input", nameof(inputs));
        }

        if (!(potSupplyVolts > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(potSupplyVolts), potSupplyVolts, "must be positive");
        }

        _adc = adc;
        int fullScale = (int)Math.Min(short.MaxValue, Math.Round(potSupplyVolts / adc.LsbVolts));
        _channels = new ScannedChannel[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            int input = inputs[i];
            ArgumentOutOfRangeException.ThrowIfNegative(input, nameof(inputs));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(input, Ads1115.ChannelCount, nameof(inputs));
            for (int j = 0; j < i; j++)
            {
                if (_channels[j].Input == input)
                {
                    throw new ArgumentException($"AIN{input} is listed twice", nameof(inputs));
                }
            }

            _channels[i] = new ScannedChannel(input, fullScale);
        }
    }

    /// <summary>Conversions completed since construction, over all channels.</summary>
    public long Conversions { get; private set; }

    /// <summary>The channel of AIN<paramref name="input"/>, which must be one of the scanned inputs. Thread: control.</summary>
    public IAdcChannel Channel(int input)
    {
        foreach (ScannedChannel c in _channels)
        {
            if (c.Input == input)
            {
                return c;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(input), input, "not one of the scanned inputs");
    }

    /// <summary>
    /// One step of the scan: starts the first conversion, or, when the one in flight has finished, reads it
    /// and starts the next input's. Costs one or two bus transfers; never waits. Thread: control.
    /// Returns true when a conversion result was stored.
    /// </summary>
    public bool Poll()
    {
        if (_current < 0)
        {
            _current = 0;
            _adc.StartSingleShot(_channels[0].Input);
            return false;
        }

        if (!_adc.IsConversionReady())
        {
            return false;
        }

        short code = _adc.ReadConversion();
        _channels[_current].Store(code);
        Conversions++;
        _current = (_current + 1) % _channels.Length;
        _adc.StartSingleShot(_channels[_current].Input);
        return true;
    }

    /// <summary>One scanned input: the latest conversion, handed out once.</summary>
    private sealed class ScannedChannel(int input, int fullScaleCode) : IAdcChannel
    {
        private int _code;
        private bool _fresh;

        public int Input { get; } = input;

        public int FullScaleCode { get; } = fullScaleCode;

        /// <summary>Keeps a finished conversion for the next <see cref="TryRead"/>. Thread: control.</summary>
        public void Store(short code)
        {
            _code = code;
            _fresh = true;
        }

        /// <summary>The conversion stored since the last call, once. Thread: control.</summary>
        public bool TryRead(out int code)
        {
            code = _code;
            bool fresh = _fresh;
            _fresh = false;
            return fresh;
        }
    }

    /// <summary>Disposes its converter, and with it the I2C device. Thread: control, once the driver is no longer used.</summary>
    public void Dispose() => _adc.Dispose();
}
