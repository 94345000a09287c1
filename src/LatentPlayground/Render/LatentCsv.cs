using System.Globalization;
using System.Text;

namespace LatentPlayground.Render;

/// <summary>The z' trajectory as CSV: <c>frame,time_s,z1..z8</c>, one row per latent frame (one hop).</summary>
public static class LatentCsv
{
    public static string Render(IReadOnlyList<float[]> latents, int hop, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(latents);
        var sb = new StringBuilder("frame,time_s");
        int dims = latents.Count > 0 ? latents[0].Length : 8;
        for (int d = 0; d < dims; d++)
        {
            sb.Append(",z").Append(d + 1);
        }

        sb.Append('\n');
        for (int f = 0; f < latents.Count; f++)
        {
            sb.Append(f.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(((double)f * hop / sampleRate).ToString("0.######", CultureInfo.InvariantCulture));
            foreach (float v in latents[f])
            {
                sb.Append(',').Append(v.ToString("R", CultureInfo.InvariantCulture));
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }
}
