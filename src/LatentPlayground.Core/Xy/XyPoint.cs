namespace LatentPlayground.Core.Xy;

/// <summary>
/// One training point of an XY mapping: where it sits (X and Y, 0..1) and the mapped settings there, each already
/// normalised to 0..1 of its parameter's range.
/// </summary>
public sealed record XyPoint(double X, double Y, IReadOnlyList<double> Targets);
