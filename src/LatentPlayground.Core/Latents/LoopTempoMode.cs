namespace LatentPlayground.Core.Latents;

/// <summary>How a looped latent pattern follows the tempo.</summary>
public enum LoopTempoMode
{
    /// <summary>
    /// The whole pattern is stretched or squeezed over the loop's beats by interpolating its trajectory, so the
    /// loop is a whole number of beats at any tempo, the pedal's answer to MIDI clock.
    /// </summary>
    Fit,

    /// <summary>
    /// The reference's offline answer: the pattern is not resampled; k frames make a beat, at the quantised tempo
    /// 60 × rate / k nearest the transport's (<see cref="QuantisedTempo"/>), and the loop is its first beats × k frames.
    /// A band at that tempo hears the pattern exactly as generated.
    /// </summary>
    Quantised,
}
