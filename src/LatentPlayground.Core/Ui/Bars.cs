namespace LatentPlayground.Core.Ui;

/// <summary>
/// Bipolar bars for latent values: filled from a centre line towards the value's sign, full length at the
/// latent limit (|v| = 3, where the Mode limiter keeps values). Values beyond are drawn at full length.
/// </summary>
public static class Bars
{
    /// <summary>A vertical bar in column range [x, x + width) around row <paramref name="centre"/>.</summary>
    public static void Vertical(Framebuffer target, int x, int width, int centre, int halfHeight, double value)
    {
        int length = Length(value, halfHeight);
        if (length == 0)
        {
            return;
        }

        int end = value > 0 ? centre - length : centre + length;
        target.FillRectangle(x, Math.Min(centre, end), width, Math.Abs(end - centre) + 1);
    }

    /// <summary>A horizontal bar in row range [y, y + height) around column <paramref name="centre"/>.</summary>
    public static void Horizontal(Framebuffer target, int y, int height, int centre, int halfWidth, double value)
    {
        int length = Length(value, halfWidth);
        if (length == 0)
        {
            return;
        }

        int end = value > 0 ? centre + length : centre - length;
        target.FillRectangle(Math.Min(centre, end), y, Math.Abs(end - centre) + 1, height);
    }

    /// <summary>Pixels from the centre for <paramref name="value"/>; NaN draws nothing.</summary>
    private static int Length(double value, int half)
    {
        if (double.IsNaN(value))
        {
            return 0;
        }

        double scaled = Math.Min(Math.Abs(value), Parameters.ParameterTable.LatentLimit) / Parameters.ParameterTable.LatentLimit;
        return (int)Math.Round(scaled * half, MidpointRounding.AwayFromZero);
    }
}
