using System.Globalization;
using System.Text;

namespace LatentPlayground.Output;

/// <summary>Latent trajectories as CSV: a header <c>frame,z1..z8</c>, then one row per latent frame.</summary>
public static class TrajectoryCsv
{
    public static string Render(float[,] trajectory)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        int dims = trajectory.GetLength(1);
        var sb = new StringBuilder();
        sb.Append("frame");
        for (int d = 0; d < dims; d++)
        {
            sb.Append(",z").Append(d + 1);
        }

        sb.Append('\n');
        for (int f = 0; f < trajectory.GetLength(0); f++)
        {
            sb.Append(f.ToString(CultureInfo.InvariantCulture));
            for (int d = 0; d < dims; d++)
            {
                // Round-trip format: the CSV carries exactly the floats the decoder would see.
                sb.Append(',').Append(trajectory[f, d].ToString("R", CultureInfo.InvariantCulture));
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }
}
