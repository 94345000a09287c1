using System.Globalization;

namespace LatentPlayground.Core.Latents;

/// <summary>
/// fibo: the array's opening rows repeated along the Fibonacci series (1, 2, 3, 5, 8 … rows): row 0, then rows
/// 0–1, then 0–2, 0–4, 0–7, and so on, each prefix played after the last, so a phrase grows from its first
/// frame. By default the series stops at the largest term that fits in the array, so every prefix is the
/// array's own material. Asking for more terms reads the array cyclically (a 13-row prefix of a 10-row array is
/// rows 0–9 then 0–2), so the growth can go on past the source. Thread: any; pure.
/// </summary>
public static class FiboPattern
{
    /// <summary>The series' terms that fit in <paramref name="frames"/> rows: 1, 2, 3, 5, 8 … ≤ frames.</summary>
    public static int DefaultTerms(int frames)
    {
        int terms = 0;
        foreach (long term in Series(int.MaxValue))
        {
            if (term > frames)
            {
                break;
            }

            terms++;
        }

        return terms;
    }

    /// <summary>1, 2, 3, 5, 8 …: the Fibonacci series without its repeated 1.</summary>
    public static IEnumerable<long> Series(int terms)
    {
        long a = 1, b = 2;
        for (int i = 0; i < terms && a < int.MaxValue; i++)
        {
            yield return a;
            (a, b) = (b, a + b);
        }
    }

    /// <param name="source">The array.</param>
    /// <param name="terms">How many prefixes; 0 for <see cref="DefaultTerms"/>.</param>
    public static LatentArray Apply(LatentArray source, int terms = 0)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(terms);
        int count = terms == 0 ? DefaultTerms(source.Frames) : terms;
        long total = 0;
        foreach (long term in Series(count))
        {
            total += term;
        }

        if (Series(count).Count() < count)
        {
            throw new LatentFormatException(string.Create(CultureInfo.InvariantCulture, $"fibo: {count} terms run past any array's length"));
        }

        LatentArray.CheckSize(total, source.Dimensions);
        int dims = source.Dimensions;
        var values = new double[total * dims];
        int at = 0;
        foreach (long term in Series(count))
        {
            for (int row = 0; row < term; row++)
            {
                source.Row(row % source.Frames).CopyTo(values.AsSpan(at, dims));
                at += dims;
            }
        }

        return new LatentArray((int)total, dims, values);
    }
}
