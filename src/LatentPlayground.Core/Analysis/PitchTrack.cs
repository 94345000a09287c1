namespace LatentPlayground.Core.Analysis;

/// <summary>
/// f0 per frame from <see cref="Yin"/>: frame i starts at sample i * <paramref name="HopSamples"/>.
/// </summary>
/// <param name="F0">Hertz per frame; 0 where unvoiced.</param>
/// <param name="Voiced">Whether a frame has a pitch.</param>
/// <param name="HopSamples">Samples between frames.</param>
public sealed record PitchTrack(IReadOnlyList<double> F0, IReadOnlyList<bool> Voiced, int HopSamples)
{
    public int Frames => F0.Count;
}
