using LatentPlayground.Core.Tempo;

namespace LatentPlayground.Core.Latents;

/// <summary>
/// A latent source that also hears every hop: the encoder's latent and the parameters as they are, before
/// <see cref="ILatentSource.TryRead"/> is asked for the hop (the live looper records what the player plays and
/// reads its switches from the parameters). Thread: the hop stage's thread; allocation-free.
/// </summary>
public interface ILatentRecorder
{
    /// <param name="encoded">The encoder's latent for this hop.</param>
    /// <param name="parameters">The parameter values this hop plays with, indexed by parameter id.</param>
    /// <param name="tempo">The transport at the hop's first sample.</param>
    void Record(ReadOnlySpan<float> encoded, ReadOnlySpan<double> parameters, in TempoState tempo);
}
