using System.Globalization;

namespace LatentPlayground.Core.Latents;

/// <summary>
/// A latent trajectory: <see cref="Frames"/> rows of <see cref="Dimensions"/> values, one row per hop of the
/// model (its latent rate), row-major, as the reference's arrays of shape (data points, latent dimensions).
/// Never empty and never holds NaN or infinity, so every consumer (statistics, patterns, the decoder) can
/// trust it. Doubles, so a float64 file round-trips exactly. Immutable; any thread.
/// </summary>
public sealed class LatentArray
{
    /// <summary>
    /// The most values an array may hold (128 Mi doubles, 1 GiB): far past any pattern a set would use
    /// (8 dimensions at 23 Hz for 7 days), and a bound so a runaway pattern fails with a message, not by paging.
    /// </summary>
    public const long MaxValues = 1L << 27;

    private readonly double[] _values;

    /// <param name="frames">Rows, at least 1.</param>
    /// <param name="dimensions">Values a row, at least 1.</param>
    /// <param name="values">frames × dimensions values, row-major; the array keeps this buffer, so the caller must not change it.</param>
    /// <exception cref="LatentFormatException">Empty, the wrong length, or a value that is not finite.</exception>
    public LatentArray(int frames, int dimensions, double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (frames < 1 || dimensions < 1)
        {
            throw new LatentFormatException(string.Create(CultureInfo.InvariantCulture, $"an empty latent array ({frames} frames × {dimensions} dimensions)"));
        }

        if ((long)frames * dimensions != values.Length)
        {
            throw new ArgumentException($"{values.Length} values for {frames} × {dimensions}", nameof(values));
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new LatentFormatException(string.Create(CultureInfo.InvariantCulture,
                    $"frame {i / dimensions}, dimension {i % dimensions} is {Describe(values[i])}; a latent must be finite"));
            }
        }

        Frames = frames;
        Dimensions = dimensions;
        _values = values;
    }

    public int Frames { get; }

    public int Dimensions { get; }

    /// <summary>All values, row-major.</summary>
    public ReadOnlySpan<double> Values => _values;

    public double this[int frame, int dimension] => _values[(frame * Dimensions) + dimension];

    /// <summary>One frame's values.</summary>
    public ReadOnlySpan<double> Row(int frame) => _values.AsSpan(frame * Dimensions, Dimensions);

    /// <summary>An array from rows written out, as tests and small examples do.</summary>
    public static LatentArray FromRows(double[,] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int frames = rows.GetLength(0), dimensions = rows.GetLength(1);
        var values = new double[frames * dimensions];
        for (int f = 0; f < frames; f++)
        {
            for (int d = 0; d < dimensions; d++)
            {
                values[(f * dimensions) + d] = rows[f, d];
            }
        }

        return new LatentArray(frames, dimensions, values);
    }

    /// <summary>The first <paramref name="frames"/> rows; read cyclically when more are asked than there are.</summary>
    public LatentArray Take(int frames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        CheckSize(frames, Dimensions);
        var values = new double[frames * Dimensions];
        for (int f = 0; f < frames; f++)
        {
            Row(f % Frames).CopyTo(values.AsSpan(f * Dimensions, Dimensions));
        }

        return new LatentArray(frames, Dimensions, values);
    }

    /// <summary>The values as float32, as the engine plays them.</summary>
    public float[] ToSingles()
    {
        var result = new float[_values.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = (float)_values[i];
        }

        return result;
    }

    /// <summary>Throws when frames × dimensions passes <see cref="MaxValues"/>.</summary>
    /// <exception cref="LatentFormatException">Too large.</exception>
    public static void CheckSize(long frames, int dimensions)
    {
        if (frames * dimensions > MaxValues || frames > int.MaxValue)
        {
            throw new LatentFormatException(string.Create(CultureInfo.InvariantCulture,
                $"{frames} frames × {dimensions} dimensions is more than the {MaxValues} values a latent array may hold"));
        }
    }

    private static string Describe(double v) => double.IsNaN(v) ? "NaN" : v > 0 ? "+infinity" : "-infinity";
}
