namespace LatentPlayground.Core.Xy;

/// <summary>One collected point: where on the pad (0..1 each way) and the mapped parameters' values there, in their units.</summary>
public sealed record XyMapPoint(double X, double Y, IReadOnlyList<double> Values);
