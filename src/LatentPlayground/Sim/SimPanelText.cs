using System.Globalization;
using System.Text;
using LatentPlayground.Hardware.Simulation;

namespace LatentPlayground.Sim;

/// <summary>
/// The simulator's terminal panel as text: the OLED as the viewer sees the simulated SSD1306's glass (so the
/// picture went through the real driver's bytes), two pixel rows per character with half blocks, then the LEDs,
/// the knobs and the key help. Thread: the control thread.
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

    /// <summary>LEDs, knobs and the expression pedal on two lines.</summary>
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
        int filled = (int)Math.Round(position * 10);
        return "[" + new string('#', filled) + new string('.', 10 - filled) + "]";
    }
}
