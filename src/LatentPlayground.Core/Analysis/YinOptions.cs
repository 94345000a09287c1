namespace LatentPlayground.Core.Analysis;

/// <summary>
/// Settings of the <see cref="Yin"/> pitch tracker; the defaults are <c>lpexport.quality.yin</c>'s.
/// Thread: immutable; any thread.
/// </summary>
public sealed record YinOptions
{
    /// <summary>The defaults: 40 ms window, 20 ms hop, 60..1200 Hz, threshold 0.15, silence gate -45 dB re peak.</summary>
    public static YinOptions Default { get; } = new();

    /// <summary>Integration window of the difference function, in seconds.</summary>
    public double FrameSeconds { get; init; } = 0.04;

    /// <summary>Distance between frames, in seconds.</summary>
    public double HopSeconds { get; init; } = 0.02;

    /// <summary>Lowest f0 searched, in hertz (sets the longest lag).</summary>
    public double MinHz { get; init; } = 60.0;

    /// <summary>Highest f0 searched, in hertz (sets the shortest lag).</summary>
    public double MaxHz { get; init; } = 1200.0;

    /// <summary>Absolute threshold on the cumulative-mean-normalised difference; no lag below it means unvoiced.</summary>
    public double Threshold { get; init; } = 0.15;

    /// <summary>A frame whose window's RMS is below this, in dB re the signal's peak, is unvoiced.</summary>
    public double SilenceDb { get; init; } = -45.0;
}
