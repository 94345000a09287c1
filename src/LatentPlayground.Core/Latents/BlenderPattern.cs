using System.Globalization;

namespace LatentPlayground.Core.Latents;

/// <summary>
/// blender: array A turns into array B one data point at a time. A plays <c>repeats</c> times; then its first
/// value of the first dimension becomes B's, and the result plays <c>repeats</c> times; then the first value of
/// the second dimension, and so on (row by row, dimension by dimension) until the last value of the last
/// dimension, when B plays <c>repeats</c> times. The pattern stops there: (points/step + 1) × repeats × frames
/// frames, starting on A exactly and ending on B exactly. <c>step</c> points change at a time, so a long
/// array can cross over in a usable time (the reference's step is 1). A and B must be the same size.
/// Thread: any; pure.
/// </summary>
public static class BlenderPattern
{
    /// <param name="a">Where the blend starts.</param>
    /// <param name="b">Where it ends: A's size.</param>
    /// <param name="repeats">Plays of each state, at least 1.</param>
    /// <param name="step">Data points replaced between states, at least 1.</param>
    public static LatentArray Apply(LatentArray a, LatentArray b, int repeats = 1, int step = 1)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        SameSize(a, b, "blender");
        if (repeats < 1 || step < 1)
        {
            throw new LatentFormatException(string.Create(CultureInfo.InvariantCulture, $"blender: repeats ({repeats}) and step ({step}) must be at least 1"));
        }

        int points = a.Frames * a.Dimensions;
        long states = ((points + (long)step - 1) / step) + 1;
        LatentArray.CheckSize(states * repeats * a.Frames, a.Dimensions);
        var values = new double[states * repeats * points];
        double[] current = a.Values.ToArray();
        long at = 0;
        for (long s = 0; s < states; s++)
        {
            for (int r = 0; r < repeats; r++)
            {
                current.CopyTo(values, at);
                at += points;
            }

            int from = (int)Math.Min(s * step, points), to = (int)Math.Min((s + 1) * step, points);
            b.Values[from..to].CopyTo(current.AsSpan(from));
        }

        return new LatentArray((int)(values.Length / a.Dimensions), a.Dimensions, values);
    }

    internal static void SameSize(LatentArray a, LatentArray b, string pattern)
    {
        if (a.Frames != b.Frames || a.Dimensions != b.Dimensions)
        {
            throw new LatentFormatException(string.Create(CultureInfo.InvariantCulture,
                $"{pattern} needs two arrays of the same size, not {a.Frames}×{a.Dimensions} and {b.Frames}×{b.Dimensions}"));
        }
    }
}
