using LatentPlayground.Core.Tempo;

namespace LatentPlayground.Core.Tests.Tempo;

public class TempoClockTests
{
    [Fact]
    public void Beats_are_counted_in_samples()
    {
        var clock = new TempoClock(48000, 120);
        clock.Start();
        for (int i = 0; i < 48000 / 64; i++)
        {
            clock.Advance(64);
        }

        Assert.Equal(2.0, clock.Beats, 12);
        Assert.Equal(48000, clock.SamplesRun);
    }

    [Fact]
    public void A_stopped_transport_holds_its_position_and_continue_resumes_it()
    {
        var clock = new TempoClock(48000, 90);
        clock.Start();
        clock.Advance(32000);
        clock.Stop();
        double held = clock.Beats;
        clock.Advance(48000);
        Assert.Equal(held, clock.Beats);
        clock.Continue();
        clock.Advance(32000);
        Assert.Equal(2.0, clock.Beats, 12);
        clock.Locate(16);
        Assert.Equal(16, clock.State.Beats);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(1000)]
    [InlineData(double.NaN)]
    public void Impossible_tempi_are_refused(double bpm) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TempoClock(48000, bpm));
}
