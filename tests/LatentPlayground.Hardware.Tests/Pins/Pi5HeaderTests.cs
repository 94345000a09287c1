using LatentPlayground.Hardware.Pins;

namespace LatentPlayground.Hardware.Tests.Pins;

public sealed class Pi5HeaderTests
{
    [Theory]
    [InlineData(2, 3)]
    [InlineData(3, 5)]
    [InlineData(14, 8)]
    [InlineData(15, 10)]
    [InlineData(18, 12)]
    [InlineData(21, 40)]
    [InlineData(26, 37)]
    public void Gpio_lines_map_to_their_header_pins(int gpio, int pin)
    {
        Assert.Equal(pin, Pi5Header.PhysicalPin(gpio));
        Assert.Equal(gpio, Pi5Header.GpioAt(pin));
    }

    [Fact]
    public void Power_and_ground_pins_have_no_gpio_and_every_line_has_its_own_pin()
    {
        Assert.Null(Pi5Header.GpioAt(1));
        Assert.Null(Pi5Header.GpioAt(6));
        Assert.Equal(28, Enumerable.Range(0, 28).Select(Pi5Header.PhysicalPin).Distinct().Count());
    }
}
