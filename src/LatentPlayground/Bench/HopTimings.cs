namespace LatentPlayground.Bench;

/// <summary>Per-hop times of one benchmark run, with the allocation and GC counts seen during it.</summary>
public sealed record HopTimings(string Name, double MedianMicroseconds, double P99Microseconds, double WorstMicroseconds,
    double MeanMicroseconds, double HopMicroseconds, double BytesPerHop, int GcCollections, int Hops)
{
    /// <summary>Mean time per hop over the hop's duration: 0.02 means the model needs 2% of one core.</summary>
    public double RealtimeFactor => MeanMicroseconds / HopMicroseconds;

    public static HopTimings From(string name, double[] microseconds, double hopMicroseconds, long bytes, int collections)
    {
        ArgumentNullException.ThrowIfNull(microseconds);
        double[] sorted = [.. microseconds.Order()];
        return new HopTimings(name, Percentile(sorted, 0.5), Percentile(sorted, 0.99), sorted[^1], sorted.Average(),
            hopMicroseconds, (double)bytes / sorted.Length, collections, sorted.Length);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Floor(p * sorted.Length))];
}
