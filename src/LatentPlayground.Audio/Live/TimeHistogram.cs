namespace LatentPlayground.Audio.Live;

/// <summary>
/// Durations counted in fixed-width buckets, so a real-time thread can record every one of them without
/// allocating, and a reader can ask for percentiles at any time. The last bucket also holds everything
/// beyond the range; the exact worst value is kept aside.
/// Thread: <see cref="Record"/> from one writer thread; the rest from any thread (a reader may see a
/// count one record behind, which a percentile does not notice).
/// </summary>
public sealed class TimeHistogram
{
    private readonly long[] _buckets;
    private readonly double _bucketMicroseconds;
    private long _count;
    private double _worst;

    /// <param name="bucketMicroseconds">Width of one bucket: the resolution of the percentiles.</param>
    /// <param name="rangeMicroseconds">Durations up to this are placed exactly; longer ones share the last bucket.</param>
    public TimeHistogram(double bucketMicroseconds, double rangeMicroseconds)
    {
        if (!(bucketMicroseconds > 0) || !(rangeMicroseconds >= bucketMicroseconds))
        {
            throw new ArgumentOutOfRangeException(nameof(bucketMicroseconds), "buckets need a positive width and a range of at least one bucket");
        }

        _bucketMicroseconds = bucketMicroseconds;
        _buckets = new long[(int)Math.Ceiling(rangeMicroseconds / bucketMicroseconds) + 1];
    }

    /// <summary>Durations recorded. Thread: any.</summary>
    public long Count => Volatile.Read(ref _count);

    /// <summary>The longest duration recorded, exactly, in microseconds (0 before any). Thread: any.</summary>
    public double WorstMicroseconds => Volatile.Read(ref _worst);

    /// <summary>Thread: the writer. Counts one duration. Never allocates.</summary>
    public void Record(double microseconds)
    {
        int bucket = (int)Math.Min(_buckets.Length - 1, Math.Max(0, microseconds / _bucketMicroseconds));
        Volatile.Write(ref _buckets[bucket], _buckets[bucket] + 1);
        if (microseconds > _worst)
        {
            Volatile.Write(ref _worst, microseconds);
        }

        Volatile.Write(ref _count, _count + 1);
    }

    /// <summary>
    /// Thread: any. The duration that <paramref name="fraction"/> of the records do not exceed, rounded up to
    /// its bucket's upper edge (never above the worst; the worst itself past the range). 0 before any record.
    /// </summary>
    public double Percentile(double fraction)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fraction, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1);
        long total = 0;
        for (int i = 0; i < _buckets.Length; i++)
        {
            total += Volatile.Read(ref _buckets[i]);
        }

        if (total == 0)
        {
            return 0;
        }

        long rank = Math.Max(1, (long)Math.Ceiling(fraction * total));
        long seen = 0;
        for (int i = 0; i < _buckets.Length; i++)
        {
            seen += Volatile.Read(ref _buckets[i]);
            if (seen >= rank)
            {
                // The last bucket has no upper edge: it holds everything past the range.
                return i == _buckets.Length - 1 ? WorstMicroseconds : Math.Min((i + 1) * _bucketMicroseconds, WorstMicroseconds);
            }
        }

        return WorstMicroseconds;
    }
}
