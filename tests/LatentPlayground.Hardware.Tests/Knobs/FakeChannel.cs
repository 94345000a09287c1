using LatentPlayground.Hardware.Adc;

namespace LatentPlayground.Hardware.Tests.Knobs;

/// <summary>An ADC channel that returns the code the test sets, once per <see cref="TryRead"/> when <see cref="Ready"/>.</summary>
internal sealed class FakeChannel(int fullScaleCode) : IAdcChannel
{
    public int FullScaleCode { get; } = fullScaleCode;

    public int Code { get; set; }

    public bool Ready { get; set; } = true;

    public bool TryRead(out int code)
    {
        code = Code;
        return Ready;
    }
}
