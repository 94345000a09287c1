namespace LatentPlayground.Core.Analysis;

/// <summary>
/// The periodic-artefact share of one signal: one <see cref="PeriodicComb"/> per period, shortest first.
/// </summary>
/// <param name="Combs">Per period, shortest first; empty when the hop has no power-of-two divisor at or above the shortest period.</param>
/// <param name="TransformLength">Points of the DFT: the signal's own length, as in Python.</param>
/// <param name="ResolutionHz">Bin spacing of that transform, rate / TransformLength.</param>
public sealed record PeriodicShareResult(IReadOnlyList<PeriodicComb> Combs, int TransformLength, double ResolutionHz)
{
    /// <summary>The largest share over the periods: the figure a model is judged by (0 when there are none).</summary>
    public double Max => Combs.Count == 0 ? 0.0 : Combs.Max(c => c.Share);

    /// <summary>The period with the largest share, or 0 when there are none.</summary>
    public int MaxPeriod => Combs.Count == 0 ? 0 : Combs.MaxBy(c => c.Share)!.Period;
}
