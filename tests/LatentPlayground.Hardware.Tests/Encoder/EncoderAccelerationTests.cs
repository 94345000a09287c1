using LatentPlayground.Hardware.Encoder;
using LatentPlayground.Hardware.Simulation;

namespace LatentPlayground.Hardware.Tests.Encoder;

public sealed class EncoderAccelerationTests
{
    [Theory]
    [InlineData(500, 1)]
    [InlineData(100, 1)]
    [InlineData(50, 2)]
    [InlineData(30, 4)]
    [InlineData(25, 6)]
    [InlineData(20, 10)]
    [InlineData(5, 10)]
    public void The_interval_between_detents_sets_the_step(int ms, int step)
    {
        var clock = new ManualTimeProvider();
        var a = new EncoderAcceleration(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(20), 10, clock);
        long tick = TimeSpan.TicksPerMillisecond;
        Assert.Equal(1, a.Step(1, 1000 * tick));            // the first detent
        Assert.Equal(step, a.Step(1, (1000 + ms) * tick));
        Assert.Equal(-step, new Func<int>(() =>
        {
            var b = new EncoderAcceleration(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(20), 10, clock);
            b.Step(-1, 0);
            return b.Step(-1, ms * tick);
        })());
    }

    [Fact]
    public void A_change_of_direction_is_a_step_of_one()
    {
        var a = new EncoderAcceleration(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(20), 10, new ManualTimeProvider());
        long tick = TimeSpan.TicksPerMillisecond;
        a.Step(1, 0);
        Assert.Equal(10, a.Step(1, 10 * tick));
        Assert.Equal(-1, a.Step(-1, 20 * tick));
        Assert.Equal(-10, a.Step(-1, 30 * tick));
    }
}
