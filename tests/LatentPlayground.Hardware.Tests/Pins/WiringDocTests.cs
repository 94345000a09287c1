using System.Text.Json;
using System.Text.RegularExpressions;
using LatentPlayground.Hardware.Pins;

namespace LatentPlayground.Hardware.Tests.Pins;

public sealed partial class WiringDocTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "hardware");

    // "| 29 | 5 | footswitch A | ... | footswitches[0].gpio |"
    [GeneratedRegex(@"^\| (\d+) \| (\d+) \| [^|]+ \| [^|]* \| ([\w\[\]\.]+) \|$")]
    private static partial Regex HeaderRow();

    [Fact]
    public void Every_header_row_of_wiring_md_matches_the_pi_header_and_pinmap_json()
    {
        using JsonDocument map = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "pinmap.json")));
        int rows = 0;
        foreach (string line in File.ReadLines(Path.Combine(Folder, "WIRING.md")))
        {
            Match m = HeaderRow().Match(line.Trim());
            if (!m.Success)
            {
                continue;
            }

            int pin = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            int gpio = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(Pi5Header.PhysicalPin(gpio) == pin, $"WIRING.md: pin {pin} is not GPIO {gpio}");
            Assert.True(Resolve(map.RootElement, m.Groups[3].Value) == gpio, $"WIRING.md: {m.Groups[3].Value} is not GPIO {gpio} in pinmap.json");
            rows++;
        }

        // i2c ×2, midi rx, encoder ×3, LEDs ×4, footswitches ×3.
        Assert.Equal(13, rows);
    }

    [Fact]
    public void Every_gpio_in_pinmap_json_has_a_row_in_wiring_md()
    {
        PinMap map = PinMapJson.Load(Path.Combine(Folder, "pinmap.json"));
        string doc = File.ReadAllText(Path.Combine(Folder, "WIRING.md"));
        int[] used = [map.I2c.SdaGpio, map.I2c.SclGpio, map.MidiIn!.RxGpio, map.Encoder.AGpio, map.Encoder.BGpio, map.Encoder.PushGpio!.Value,
            .. map.Leds.Select(l => l.Gpio), .. map.Footswitches.Select(s => s.Gpio)];
        foreach (int gpio in used)
        {
            Assert.Contains($"| {Pi5Header.PhysicalPin(gpio)} | {gpio} |", doc, StringComparison.Ordinal);
        }
    }

    // "leds[3].gpio" -> the number at that path.
    private static int Resolve(JsonElement root, string path)
    {
        JsonElement e = root;
        foreach (string part in path.Split('.'))
        {
            int bracket = part.IndexOf('[', StringComparison.Ordinal);
            if (bracket < 0)
            {
                e = e.GetProperty(part);
                continue;
            }

            e = e.GetProperty(part[..bracket]);
            e = e[int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)];
        }

        return e.GetInt32();
    }
}
