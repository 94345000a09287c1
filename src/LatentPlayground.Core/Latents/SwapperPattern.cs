using System.Globalization;

namespace LatentPlayground.Core.Latents;

/// <summary>
/// swapper: the values of randomly picked data points are swapped between two arrays of the same size, and A,
/// so altered (now holding B's values at those points), is repeated <c>repeats</c> times. Which points is
/// seeded; <c>share</c> says how many (a quarter of them by default: enough to hear B inside A, few enough to
/// still hear A). The points are distinct, so the share is exact. Thread: any; pure.
/// </summary>
public static class SwapperPattern
{
    public const int DefaultRepeats = 4;

    public const double DefaultShare = 0.25;

    private const int PickStream = 200;

    /// <param name="a">The array that is altered and repeated.</param>
    /// <param name="b">Where the swapped-in values come from: A's size.</param>
    /// <param name="repeats">Plays of the altered array, at least 1.</param>
    /// <param name="share">Share of the data points swapped, 0 to 1.</param>
    /// <param name="seed">Which points.</param>
    public static LatentArray Apply(LatentArray a, LatentArray b, int repeats = DefaultRepeats, double share = DefaultShare, uint seed = 0)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!(share is >= 0 and <= 1))
        {
            throw new LatentFormatException(string.Create(CultureInfo.InvariantCulture, $"swapper: share {share} is outside 0..1"));
        }

        BlenderPattern.SameSize(a, b, "swapper");
        int total = a.Frames * a.Dimensions;
        return Apply(a, b, Pick(total, (int)Math.Round(share * total), seed), repeats);
    }

    /// <summary>As the seeded form, with the swapped points given (row-major indices f·dimensions + d).</summary>
    public static LatentArray Apply(LatentArray a, LatentArray b, ReadOnlySpan<int> points, int repeats)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        BlenderPattern.SameSize(a, b, "swapper");
        if (repeats < 1)
        {
            throw new LatentFormatException(string.Create(CultureInfo.InvariantCulture, $"swapper: repeats ({repeats}) must be at least 1"));
        }

        LatentArray.CheckSize((long)a.Frames * repeats, a.Dimensions);
        double[] altered = a.Values.ToArray();
        foreach (int p in points)
        {
            altered[p] = b.Values[p];
        }

        var values = new double[altered.Length * repeats];
        for (int r = 0; r < repeats; r++)
        {
            altered.CopyTo(values, r * altered.Length);
        }

        return new LatentArray(a.Frames * repeats, a.Dimensions, values);
    }

    /// <summary><paramref name="count"/> distinct indices in 0..total−1, seeded (a partial Fisher–Yates shuffle), in ascending order.</summary>
    public static int[] Pick(int total, int count, uint seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, total);
        var order = new int[total];
        for (int i = 0; i < total; i++)
        {
            order[i] = i;
        }

        ulong key = LatentRandom.Key(seed, PickStream);
        for (int i = 0; i < count; i++)
        {
            int j = i + (int)LatentRandom.Below(key, i, total - i);
            (order[i], order[j]) = (order[j], order[i]);
        }

        int[] picked = order[..count];
        Array.Sort(picked);
        return picked;
    }
}
