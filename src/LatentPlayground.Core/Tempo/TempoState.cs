namespace LatentPlayground.Core.Tempo;

/// <summary>
/// The tempo as one latent frame sees it: a plain value passed down to the modulators.
/// </summary>
/// <param name="Bpm">Quarter-note beats per minute.</param>
/// <param name="Running">True while the transport plays; tempo-synced loops only restart then.</param>
/// <param name="Beats">Transport position in quarter-note beats at the frame's first sample.</param>
public readonly record struct TempoState(double Bpm, bool Running, double Beats)
{
    /// <summary>No tempo: the transport is stopped and note-value loops never restart.</summary>
    public static TempoState Stopped => new(120, false, 0);
}
