using System.Globalization;

namespace LatentPlayground.Core.Latents;

/// <summary>
/// Synthetic latent arrays drawn from a distribution fitted to measured statistics. Frame f, dimension d of
/// stream s reads the generator's numbers at index f·dimensions + d only, so a seed always gives the same array,
/// and a longer array starts with the shorter one. Thread: any; pure.
/// </summary>
public static class LatentGenerator
{
    /// <param name="statistics">What to fit.</param>
    /// <param name="distribution">The law.</param>
    /// <param name="frames">Frames to draw, at least 1.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="stream">Which of the seed's independent streams: 0 for a first array, 1 for a second.</param>
    public static LatentArray Generate(LatentStatistics statistics, LatentDistribution distribution, int frames, uint seed, int stream = 0)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        if (frames < 1)
        {
            throw new LatentFormatException(string.Create(CultureInfo.InvariantCulture, $"{frames} frames: an empty latent array"));
        }

        int dims = statistics.Dimensions;
        LatentArray.CheckSize(frames, dims);
        ulong key = LatentRandom.Key(seed, stream);
        var values = new double[frames * dims];
        double[]? cholesky = distribution == LatentDistribution.Correlated ? Cholesky(statistics) : null;
        var normal = new double[dims];
        for (int f = 0; f < frames; f++)
        {
            for (int d = 0; d < dims; d++)
            {
                long index = ((long)f * dims) + d;
                int at = (f * dims) + d;
                switch (distribution)
                {
                    case LatentDistribution.Uniform:
                        values[at] = statistics.Min[d] + ((statistics.Max[d] - statistics.Min[d]) * LatentRandom.Uniform(key, index));
                        break;
                    case LatentDistribution.Normal:
                        values[at] = statistics.Mean[d] + (statistics.StandardDeviation[d] * LatentRandom.Gaussian(key, index));
                        break;
                    default:
                        normal[d] = LatentRandom.Gaussian(key, index);
                        break;
                }
            }

            if (cholesky is not null)
            {
                for (int i = 0; i < dims; i++)
                {
                    double sum = statistics.Mean[i];
                    for (int j = 0; j <= i; j++)
                    {
                        sum += cholesky[(i * dims) + j] * normal[j];
                    }

                    values[(f * dims) + i] = sum;
                }
            }
        }

        return new LatentArray(frames, dims, values);
    }

    /// <summary>
    /// L with L·Lᵀ = covariance. Latent covariances are often singular (a dimension the model never moves, two
    /// that move as one): a pivot at or below a tiny share of the diagonal's scale is taken as zero and its
    /// column left empty, which draws from the covariance's own subspace instead of failing.
    /// </summary>
    private static double[] Cholesky(LatentStatistics s)
    {
        int n = s.Dimensions;
        var l = new double[n * n];
        double scale = 0;
        for (int i = 0; i < n; i++)
        {
            scale = Math.Max(scale, s.Covariance(i, i));
        }

        double floor = scale * 1e-12;
        for (int j = 0; j < n; j++)
        {
            double diagonal = s.Covariance(j, j);
            for (int k = 0; k < j; k++)
            {
                diagonal -= l[(j * n) + k] * l[(j * n) + k];
            }

            if (diagonal <= floor)
            {
                continue;
            }

            double pivot = Math.Sqrt(diagonal);
            l[(j * n) + j] = pivot;
            for (int i = j + 1; i < n; i++)
            {
                double sum = s.Covariance(i, j);
                for (int k = 0; k < j; k++)
                {
                    sum -= l[(i * n) + k] * l[(j * n) + k];
                }

                l[(i * n) + j] = sum / pivot;
            }
        }

        return l;
    }
}
