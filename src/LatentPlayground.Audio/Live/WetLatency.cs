using System.Globalization;

namespace LatentPlayground.Audio.Live;

/// <summary>
/// The wet path's latency from the capture input to the playback output, from configuration alone, never
/// measured or guessed: the engine's part (one hop, the inference budget, the model's own latency, the
/// limiter's look-ahead) plus the stream's buffering (periods × period frames between a frame captured and
/// the same frame played). Converter delays inside the card come on top. It never changes while running:
/// late hops fade to dry instead of shifting the stream, and xruns are realigned.
/// Thread: any; immutable.
/// </summary>
/// <param name="Hop">The model's hop.</param>
/// <param name="Budget">The inference budget.</param>
/// <param name="Model">The model's algorithmic latency.</param>
/// <param name="Limiter">The limiter's look-ahead.</param>
/// <param name="Periods">Periods in the stream's buffer.</param>
/// <param name="PeriodFrames">Frames per period.</param>
/// <param name="SampleRate">Frames per second.</param>
public readonly record struct WetLatency(int Hop, int Budget, int Model, int Limiter, int Periods, int PeriodFrames, int SampleRate)
{
    /// <summary>The engine's share: what <c>LiveEngine.LatencySamples</c> reports.</summary>
    public int EngineSamples => Hop + Budget + Model + Limiter;

    /// <summary>The stream's share: what <c>AlsaDuplexStream.CaptureToPlaybackFrames</c> reports.</summary>
    public int BufferSamples => Periods * PeriodFrames;

    public int TotalSamples => EngineSamples + BufferSamples;

    public double TotalMilliseconds => TotalSamples * 1000.0 / SampleRate;

    /// <summary>
    /// From the engine's reported figures: its latency, its hop-plus-budget delay and budget, and the model's
    /// latency; the limiter's look-ahead is what remains.
    /// </summary>
    public static WetLatency From(int engineLatency, int wetDelay, int budget, int modelLatency, int periods, int periodFrames, int sampleRate) =>
        new(wetDelay - budget, budget, modelLatency, engineLatency - wetDelay - modelLatency, periods, periodFrames, sampleRate);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{TotalSamples} samples ({TotalMilliseconds:0.0} ms at {SampleRate} Hz) = hop {Hop} + budget {Budget} + model {Model} + limiter {Limiter} + ALSA buffer {BufferSamples} ({Periods} x {PeriodFrames})");
}
