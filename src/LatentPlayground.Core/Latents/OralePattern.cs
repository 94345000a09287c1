using System.Globalization;

namespace LatentPlayground.Core.Latents;

/// <summary>
/// orale, the 3:1 of electronic music: the array three times as it is and a fourth time subtly altered; that
/// whole sequence is the next level's array, again three times and a fourth altered; and so on, 4^levels times
/// the array in all (2 levels: 16 repeats, a 16-bar phrase of 1-bar arrays with a variation every 4th bar and a
/// bigger one at the 16th). "Subtly altered" is read as a player would vary a bar without changing what it is:
/// each value moves by Gaussian noise of <c>variation</c> × that dimension's standard deviation in the source
/// (0.1 by default: a tenth of the material's own spread, audible but the same gesture; a dimension that never
/// moves stays put). Each level draws its own noise, seeded. Thread: any; pure.
/// </summary>
public static class OralePattern
{
    public const int DefaultLevels = 2;

    public const double DefaultVariation = 0.1;

    // Stream numbers for the alterations: apart from the generator's arrays (0 and 1).
    private const int FirstStream = 100;

    /// <param name="source">The array.</param>
    /// <param name="levels">How many times the 3:1 scheme is applied, 1 to 8.</param>
    /// <param name="variation">The alteration's size, in standard deviations of each dimension, 0 to 10.</param>
    /// <param name="seed">The alterations' seed.</param>
    public static LatentArray Apply(LatentArray source, int levels = DefaultLevels, double variation = DefaultVariation, uint seed = 0)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (levels is < 1 or > 8)
        {
            throw new LatentFormatException(string.Create(CultureInfo.InvariantCulture, $"orale: {levels} levels is outside 1..8"));
        }

        if (!(variation is >= 0 and <= 10))
        {
            throw new LatentFormatException(string.Create(CultureInfo.InvariantCulture, $"orale: variation {variation} is outside 0..10"));
        }

        int dims = source.Dimensions;
        LatentArray.CheckSize(source.Frames * (long)Math.Pow(4, levels), dims);
        ReadOnlySpan<double> deviation = LatentStatistics.Of([source]).StandardDeviation;
        double[] current = source.Values.ToArray();
        for (int level = 0; level < levels; level++)
        {
            int length = current.Length;
            var next = new double[length * 4];
            for (int copy = 0; copy < 4; copy++)
            {
                current.CopyTo(next, copy * length);
            }

            ulong key = LatentRandom.Key(seed, FirstStream + level);
            for (int i = 0; i < length; i++)
            {
                next[(3 * length) + i] += variation * deviation[i % dims] * LatentRandom.Gaussian(key, i);
            }

            current = next;
        }

        return new LatentArray(current.Length / dims, dims, current);
    }
}
