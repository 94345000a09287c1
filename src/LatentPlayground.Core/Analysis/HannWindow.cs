namespace LatentPlayground.Core.Analysis;

/// <summary>
/// The symmetric Hann window, w[k] = 0.5 - 0.5 cos(2 pi k / (n - 1)), as numpy's <c>np.hanning(n)</c>
/// (which the Python measures in lpexport use), so both implementations window alike.
/// Thread: stateless; any thread.
/// </summary>
public static class HannWindow
{
    public static double[] Symmetric(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var w = new double[n];
        if (n == 1)
        {
            w[0] = 1.0;
            return w;
        }

        for (int k = 0; k < n; k++)
        {
            w[k] = 0.5 - (0.5 * Math.Cos(2.0 * Math.PI * k / (n - 1)));
        }

        return w;
    }
}
