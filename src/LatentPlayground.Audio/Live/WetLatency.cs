using System.Globalization;

namespace LatentPlayground.Audio.Live;

/// <summary>
/// The wet path's latency from the capture input to the playback output, from configuration alone, never
/// measured or guessed: the engine's part (one hop, the inference budget, the model's own latency, the
/// limiter's look-ahead) plus the stream's buffering (periods × period frames between a frame captured and
/// the same frame played), plus, where the card runs at another rate than the model, the resampling round trip
/// (<c>RateBridge.LatencyCardSamples</c>). Converter delays inside the card come on top. It never changes while running:
/// late hops fade to dry instead of shifting the stream, and xruns are realigned.
/// Thread: any; immutable.
/// </summary>
/// <param name="Hop">The model's hop.</param>
/// <param name="Budget">The inference budget.</param>
/// <param name="Model">The model's algorithmic latency.</param>
/// <param name="Limiter">The limiter's look-ahead.</param>
/// <param name="Periods">Periods in the stream's buffer.</param>
/// <param name="PeriodFrames">Frames per period.</param>
/// <param name="SampleRate">The card's frames per second: the unit of the total.</param>
/// <param name="Resampling">The resampling round trip in card samples; 0 when the card runs at the model's rate.</param>
/// <param name="ModelRate">The engine's rate (the first four figures are in its samples); 0 for <paramref name="SampleRate"/>.</param>
public readonly record struct WetLatency(int Hop, int Budget, int Model, int Limiter, int Periods, int PeriodFrames, int SampleRate, int Resampling = 0, int ModelRate = 0)
{
    /// <summary>The engine's share, in the engine's samples: what <c>LiveEngine.LatencySamples</c> reports.</summary>
    public int EngineSamples => Hop + Budget + Model + Limiter;

    /// <summary>The engine's share in card samples.</summary>
    public int EngineCardSamples => EngineRate == SampleRate ? EngineSamples : (int)Math.Round((double)EngineSamples * SampleRate / EngineRate);

    /// <summary>The stream's share: what <c>AlsaDuplexStream.CaptureToPlaybackFrames</c> reports.</summary>
    public int BufferSamples => Periods * PeriodFrames;

    public int TotalSamples => EngineCardSamples + Resampling + BufferSamples;

    private int EngineRate => ModelRate == 0 ? SampleRate : ModelRate;

    public double TotalMilliseconds => TotalSamples * 1000.0 / SampleRate;

    /// <summary>
    /// From the engine's reported figures: its latency, its hop-plus-budget delay and budget, and the model's
    /// latency; the limiter's look-ahead is what remains.
    /// </summary>
    public static WetLatency From(int engineLatency, int wetDelay, int budget, int modelLatency, int periods, int periodFrames, int sampleRate, int resampling = 0, int modelRate = 0) =>
        new(wetDelay - budget, budget, modelLatency, engineLatency - wetDelay - modelLatency, periods, periodFrames, sampleRate, resampling, modelRate);

    public override string ToString() => EngineRate == SampleRate && Resampling == 0
        ? string.Create(CultureInfo.InvariantCulture,
            $"{TotalSamples} samples ({TotalMilliseconds:0.0} ms at {SampleRate} Hz) = hop {Hop} + budget {Budget} + model {Model} + limiter {Limiter} + ALSA buffer {BufferSamples} ({Periods} x {PeriodFrames})")
        : string.Create(CultureInfo.InvariantCulture,
            $"{TotalSamples} samples ({TotalMilliseconds:0.0} ms at {SampleRate} Hz) = engine {EngineCardSamples} (hop {Hop} + budget {Budget} + model {Model} + limiter {Limiter} at the model's {EngineRate} Hz) + resampling {Resampling} + ALSA buffer {BufferSamples} ({Periods} x {PeriodFrames})");
}
