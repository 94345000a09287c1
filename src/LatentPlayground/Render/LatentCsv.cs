using System.Globalization;
using System.Text;

namespace LatentPlayground.Render;

/// <summary>
/// The z' trajectory as CSV: <c>frame,time_s,z1..zL</c> for the model's latent size L, one row per
/// latent frame (one hop). Thread: any.
/// </summary>
public static class LatentCsv
{
    /// <param name="latents">z' per latent frame, <paramref name="latentSize"/> values each.</param>
    /// <param name="latentSize">The model's L: the header names that many columns even when there are no frames.</param>
    /// <param name="hop">Samples per latent frame.</param>
    /// <param name="sampleRate">The model's sample rate, for the time column.</param>
    public static string Render(IReadOnlyList<float[]> latents, int latentSize, int hop, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(latents);
        ArgumentOutOfRangeException.ThrowIfLessThan(latentSize, 1);
        var sb = new StringBuilder("frame,time_s");
        for (int d = 0; d < latentSize; d++)
        {
            sb.Append(",z").Append(d + 1);
        }

        sb.Append('\n');
        for (int f = 0; f < latents.Count; f++)
        {
            if (latents[f].Length != latentSize)
            {
                throw new ArgumentException($"frame {f} has {latents[f].Length} values, not the latent size {latentSize}", nameof(latents));
            }

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
