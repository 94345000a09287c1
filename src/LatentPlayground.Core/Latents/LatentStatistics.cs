namespace LatentPlayground.Core.Latents;

/// <summary>
/// Per-dimension mean, standard deviation, minimum and maximum, and the covariance between dimensions, pooled
/// over the frames of one or more arrays (numpy's population statistics: divided by the frame count).
/// Immutable; any thread.
/// </summary>
public sealed class LatentStatistics
{
    private readonly double[] _mean;
    private readonly double[] _deviation;
    private readonly double[] _min;
    private readonly double[] _max;
    private readonly double[] _covariance;

    private LatentStatistics(int dimensions, long frames)
    {
        Dimensions = dimensions;
        Frames = frames;
        _mean = new double[dimensions];
        _deviation = new double[dimensions];
        _min = new double[dimensions];
        _max = new double[dimensions];
        _covariance = new double[dimensions * dimensions];
    }

    public int Dimensions { get; }

    /// <summary>Frames the statistics were measured over.</summary>
    public long Frames { get; }

    public ReadOnlySpan<double> Mean => _mean;

    public ReadOnlySpan<double> StandardDeviation => _deviation;

    public ReadOnlySpan<double> Min => _min;

    public ReadOnlySpan<double> Max => _max;

    /// <summary>Covariance of dimensions i and j.</summary>
    public double Covariance(int i, int j) => _covariance[(i * Dimensions) + j];

    /// <summary>The statistics of <paramref name="arrays"/> together.</summary>
    /// <exception cref="LatentFormatException">No arrays, or arrays with different dimension counts.</exception>
    public static LatentStatistics Of(IReadOnlyList<LatentArray> arrays)
    {
        ArgumentNullException.ThrowIfNull(arrays);
        if (arrays.Count == 0)
        {
            throw new LatentFormatException("no latent arrays to measure");
        }

        int dimensions = arrays[0].Dimensions;
        long frames = 0;
        foreach (LatentArray a in arrays)
        {
            if (a.Dimensions != dimensions)
            {
                throw new LatentFormatException($"arrays of {dimensions} and {a.Dimensions} dimensions cannot be measured together");
            }

            frames += a.Frames;
        }

        var s = new LatentStatistics(dimensions, frames);
        Array.Fill(s._min, double.PositiveInfinity);
        Array.Fill(s._max, double.NegativeInfinity);
        foreach (LatentArray a in arrays)
        {
            for (int f = 0; f < a.Frames; f++)
            {
                ReadOnlySpan<double> row = a.Row(f);
                for (int d = 0; d < dimensions; d++)
                {
                    s._mean[d] += row[d];
                    s._min[d] = Math.Min(s._min[d], row[d]);
                    s._max[d] = Math.Max(s._max[d], row[d]);
                }
            }
        }

        for (int d = 0; d < dimensions; d++)
        {
            s._mean[d] /= frames;
        }

        // Second pass about the mean: the one-pass sum of squares loses the variance of a dimension whose
        // mean is large against its spread.
        foreach (LatentArray a in arrays)
        {
            for (int f = 0; f < a.Frames; f++)
            {
                ReadOnlySpan<double> row = a.Row(f);
                for (int i = 0; i < dimensions; i++)
                {
                    double di = row[i] - s._mean[i];
                    for (int j = 0; j <= i; j++)
                    {
                        s._covariance[(i * dimensions) + j] += di * (row[j] - s._mean[j]);
                    }
                }
            }
        }

        for (int i = 0; i < dimensions; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double c = s._covariance[(i * dimensions) + j] / frames;
                s._covariance[(i * dimensions) + j] = c;
                s._covariance[(j * dimensions) + i] = c;
            }

            s._deviation[i] = Math.Sqrt(s._covariance[(i * dimensions) + i]);
        }

        return s;
    }
}
