using System.Globalization;
using System.Text;
using LatentPlayground.Hardware.Simulation;

namespace LatentPlayground.Sim;

/// <summary>
/// The simulator's terminal panel as text: the OLED as the viewer sees the simulated SSD1306's glass (so the
/// picture went through the real driver's bytes), then the LEDs, the knobs and the key help. Two renderings of
/// the glass: half blocks (1x2 pixels a character: 130x34, for a large terminal) and braille (2x4 pixels a
/// character: 66x18, so the whole panel fits 80x24). Thread: the control thread.
/// </summary>
public static class SimPanelText
{
    /// <summary>The display in 32 lines of 128 half-block characters, framed.</summary>
    public static string Oled(SimulatedSsd1306 display)
    {
        ArgumentNullException.ThrowIfNull(display);
        var text = new StringBuilder((SimulatedSsd1306.Height / 2 * (SimulatedSsd1306.Width + 4)) + 300);
        text.Append('+').Append('-', SimulatedSsd1306.Width).Append("+\n");
        for (int y = 0; y < SimulatedSsd1306.Height; y += 2)
        {
            text.Append('|');
            for (int x = 0; x < SimulatedSsd1306.Width; x++)
            {
                bool top = display.GetVisiblePixel(x, y), bottom = display.GetVisiblePixel(x, y + 1);
                text.Append(top ? (bottom ? '█' : '▀') : (bottom ? '▄' : ' '));
            }

            text.Append("|\n");
        }

        text.Append('+').Append('-', SimulatedSsd1306.Width).Append("+\n");
        return text.ToString();
    }

    /// <summary>Columns and lines of <see cref="OledBraille"/>, frame included.</summary>
    public const int BrailleWidth = (SimulatedSsd1306.Width / 2) + 2;

    /// <inheritdoc cref="BrailleWidth"/>
    public const int BrailleHeight = (SimulatedSsd1306.Height / 4) + 2;

    /// <summary>The display in 16 lines of 64 braille characters, framed: each character is 2x4 pixels.</summary>
    public static string OledBraille(SimulatedSsd1306 display)
    {
        ArgumentNullException.ThrowIfNull(display);
        var text = new StringBuilder(BrailleHeight * (BrailleWidth + 1));
        text.Append('+').Append('-', SimulatedSsd1306.Width / 2).Append("+\n");
        for (int y = 0; y < SimulatedSsd1306.Height; y += 4)
        {
            text.Append('|');
            for (int x = 0; x < SimulatedSsd1306.Width; x += 2)
            {
                int dots = 0;
                for (int i = 0; i < 8; i++)
                {
                    if (display.GetVisiblePixel(x + BrailleColumn[i], y + BrailleRow[i]))
                    {
                        dots |= 1 << i;
                    }
                }

                text.Append((char)(0x2800 + dots));
            }

            text.Append("|\n");
        }

        text.Append('+').Append('-', SimulatedSsd1306.Width / 2).Append("+\n");
        return text.ToString();
    }

    // Unicode braille patterns (U+2800 + bits): dots 1-3 run down the left column, 4-6 down the right, then 7
    // (left) and 8 (right) on the fourth row.
    private static readonly int[] BrailleColumn = [0, 0, 0, 1, 1, 1, 0, 1];
    private static readonly int[] BrailleRow = [0, 1, 2, 0, 1, 2, 3, 3];

    /// <summary>LEDs, knobs and the expression pedal on two lines, each under 80 columns.</summary>
    public static string Controls(IEnumerable<(string Name, bool On)> leds, IReadOnlyList<double> knobs, double? expression)
    {
        ArgumentNullException.ThrowIfNull(leds);
        ArgumentNullException.ThrowIfNull(knobs);
        var text = new StringBuilder("LEDs:");
        foreach ((string name, bool on) in leds)
        {
            text.Append(' ').Append(name).Append(on ? " (*)" : " ( )");
        }

        text.Append("\nknobs:");
        for (int k = 0; k < knobs.Count; k++)
        {
            text.Append(CultureInfo.InvariantCulture, $" {k + 1} {Gauge(knobs[k])}");
        }

        if (expression is double e)
        {
            text.Append(CultureInfo.InvariantCulture, $"  exp {Gauge(e)}");
        }

        return text.Append('\n').ToString();
    }

    private static string Gauge(double position)
    {
        int filled = (int)Math.Round(Math.Clamp(position, 0, 1) * 8);
        return "[" + new string('#', filled) + new string('.', 8 - filled) + "]";
    }
}
