using LatentPlayground.Hardware.Switches;

namespace LatentPlayground.Hardware.Encoder;

/// <summary>Mechanics, acceleration and sampling of a rotary encoder with push switch.</summary>
public sealed record EncoderOptions
{
    /// <summary>The defaults.</summary>
    public static EncoderOptions Default { get; } = new();

    /// <summary>Gray-code transitions between detents: 4 (default), 2 or 1. See <see cref="QuadratureDecoder"/>.</summary>
    public int TransitionsPerDetent { get; init; } = 4;

    /// <summary>Detents this far apart or further step by 1. Default 100 ms.</summary>
    public TimeSpan SlowInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Detents this close or closer step by <see cref="MaxStep"/>. Default 20 ms.</summary>
    public TimeSpan FastInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>The largest step of a fast turn. Default 10; 1 turns acceleration off.</summary>
    public int MaxStep { get; init; } = 10;

    /// <summary>Polling (default; poll every millisecond) or edge callbacks.</summary>
    public InputSampling Sampling { get; init; } = InputSampling.Polling;

    /// <summary>
    /// The push switch: active low, no double press (so a push is reported at its release), long press on
    /// (600 ms), sampled like the rotation.
    /// </summary>
    public SwitchOptions Push { get; init; } = SwitchOptions.Default with { DoublePressWindow = TimeSpan.Zero };
}
