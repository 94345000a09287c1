using System.Globalization;

namespace LatentPlayground.Audio.Live;

/// <summary>What sets the pace of the audio loop.</summary>
public enum PacingMode
{
    /// <summary>The sound card: a capture read waits until a period has been recorded. What a pedal uses.</summary>
    Device,

    /// <summary>
    /// CLOCK_MONOTONIC at <see cref="LivePacing.Speed"/> times the sample rate: the loop waits for each
    /// period's due time, as a card would make it wait. For PCMs that do not pace themselves (alsa-lib's
    /// file and null plugins), so hops meet their budget as they would on a card.
    /// </summary>
    Clock,

    /// <summary>No waiting at all: a stress test of the audio thread; every hop is late.</summary>
    None,
}

/// <summary>How the audio loop is paced. Thread: any; immutable.</summary>
public readonly record struct LivePacing
{
    private LivePacing(PacingMode mode, double speed)
    {
        Mode = mode;
        Speed = speed;
    }

    public PacingMode Mode { get; }

    /// <summary>For <see cref="PacingMode.Clock"/>: audio seconds per wall-clock second (1 = real time).</summary>
    public double Speed { get; }

    public static LivePacing Device { get; } = new(PacingMode.Device, 1);

    public static LivePacing Unpaced { get; } = new(PacingMode.None, double.PositiveInfinity);

    /// <summary>Paces to the monotonic clock at <paramref name="speed"/> times real time.</summary>
    public static LivePacing Clock(double speed)
    {
        if (!double.IsFinite(speed) || speed <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "a clock pace must be a positive number of times real time");
        }

        return new LivePacing(PacingMode.Clock, speed);
    }

    /// <summary>Wall-clock nanoseconds one period lasts at this pace (0 when unpaced).</summary>
    public double PeriodNanoseconds(int periodFrames, int sampleRate) =>
        Mode == PacingMode.None ? 0 : periodFrames * 1e9 / (sampleRate * Speed);

    public override string ToString() => Mode switch
    {
        PacingMode.Device => "paced by the device",
        PacingMode.Clock => string.Create(CultureInfo.InvariantCulture, $"paced by the monotonic clock at {Speed:0.###}x real time"),
        _ => "unpaced (as fast as the loop runs)",
    };
}
