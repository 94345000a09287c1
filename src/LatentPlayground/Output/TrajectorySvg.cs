using System.Globalization;
using System.Security;
using System.Text;

namespace LatentPlayground.Output;

/// <summary>
/// Draws the latent trajectories as an SVG: one lane per dimension, each spanning [-3, 3], time across
/// in seconds, so a player can compare bases by eye.
/// </summary>
public static class TrajectorySvg
{
    private const int Width = 1000;
    private const int LaneHeight = 70;
    private const int Left = 48;
    private const int Right = 12;
    private const int Top = 34;
    private const int Bottom = 28;
    private const double Limit = 3.0;
    private static readonly string[] Colours = ["#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#008080", "#9a6324", "#000075"];

    public static string Render(float[,] trajectory, string title, double framesPerSecond)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        int frames = trajectory.GetLength(0);
        int dims = trajectory.GetLength(1);
        int height = Top + (dims * LaneHeight) + Bottom;
        double plotWidth = Width - Left - Right;
        double xStep = frames > 1 ? plotWidth / (frames - 1) : 0;
        var inv = CultureInfo.InvariantCulture;

        var sb = new StringBuilder();
        sb.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\" font-size=\"11\">\n");
        sb.Append(inv, $"<rect width=\"{Width}\" height=\"{height}\" fill=\"white\"/>\n");
        sb.Append(inv, $"<text x=\"{Left}\" y=\"20\" font-size=\"13\">{SecurityElement.Escape(title)}</text>\n");

        for (int d = 0; d < dims; d++)
        {
            double top = Top + (d * LaneHeight);
            double mid = top + (LaneHeight / 2.0);
            double unit = (LaneHeight - 8) / (2 * Limit);
            sb.Append(inv, $"<line x1=\"{Left}\" y1=\"{mid:0.#}\" x2=\"{Width - Right}\" y2=\"{mid:0.#}\" stroke=\"#bbb\"/>\n");
            sb.Append(inv, $"<rect x=\"{Left}\" y=\"{top + 4:0.#}\" width=\"{plotWidth:0.#}\" height=\"{LaneHeight - 8}\" fill=\"none\" stroke=\"#ddd\"/>\n");
            sb.Append(inv, $"<text x=\"6\" y=\"{mid + 4:0.#}\">z{d + 1}</text>\n");
            sb.Append(inv, $"<text x=\"{Left - 4}\" y=\"{top + 12:0.#}\" text-anchor=\"end\" font-size=\"9\">+3</text>\n");
            sb.Append(inv, $"<text x=\"{Left - 4}\" y=\"{top + LaneHeight - 4:0.#}\" text-anchor=\"end\" font-size=\"9\">-3</text>\n");
            sb.Append(inv, $"<polyline fill=\"none\" stroke=\"{Colours[d % Colours.Length]}\" stroke-width=\"1.3\" points=\"");
            for (int f = 0; f < frames; f++)
            {
                double v = Math.Clamp(trajectory[f, d], -Limit * 1.1, Limit * 1.1);
                sb.Append(inv, $"{Left + (f * xStep):0.##},{mid - (v * unit):0.##} ");
            }

            sb.Append("\"/>\n");
        }

        double seconds = frames / framesPerSecond;
        double axisY = Top + (dims * LaneHeight) + 16;
        for (int i = 0; i <= 10; i++)
        {
            double x = Left + (plotWidth * i / 10);
            sb.Append(inv, $"<text x=\"{x:0.#}\" y=\"{axisY:0.#}\" text-anchor=\"middle\" font-size=\"9\">{seconds * i / 10:0.##} s</text>\n");
        }

        sb.Append("</svg>\n");
        return sb.ToString();
    }
}
