using LatentPlayground.Core.Tempo;

namespace LatentPlayground.Core.Latents;

/// <summary>
/// Latents that play in place of the encoder's, one frame per hop: the hop stage asks for each frame, and
/// offsets and modulators then act on top as they do on the encoder's latent.
/// Thread: the hop stage's thread only (inference thread live, the render loop offline). Implementations are
/// real-time code: sized in the constructor, <see cref="TryRead"/> never allocates, locks or waits.
/// </summary>
public interface ILatentSource
{
    /// <summary>Values a frame: must be the model's latent size.</summary>
    int Dimensions { get; }

    /// <summary>Writes the latent for one hop.</summary>
    /// <param name="frame">The hop's index since the hop stage's last reset.</param>
    /// <param name="tempo">The transport at the hop's first sample.</param>
    /// <param name="latent"><see cref="Dimensions"/> values to fill.</param>
    /// <returns>False when the source has nothing for this hop: the encoder's latent plays instead.</returns>
    bool TryRead(long frame, in TempoState tempo, Span<float> latent);
}
