using LatentPlayground.Midi.Clock;

namespace LatentPlayground.Midi.Tests.Clock;

public sealed class ClockSourceNamesTests
{
    [Theory]
    [InlineData(ClockSource.Internal, "internal")]
    [InlineData(ClockSource.Midi, "midi")]
    [InlineData(ClockSource.Tap, "tap")]
    public void Each_source_round_trips_through_its_name(ClockSource source, string name)
    {
        Assert.Equal(name, ClockSourceNames.ToName(source));
        Assert.True(ClockSourceNames.TryParse(" " + name.ToUpperInvariant() + " ", out ClockSource parsed));
        Assert.Equal(source, parsed);
    }

    [Fact]
    public void Unknown_names_are_refused()
    {
        Assert.False(ClockSourceNames.TryParse("usb", out _));
        Assert.False(ClockSourceNames.TryParse(null, out _));
    }
}
