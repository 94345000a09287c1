using LatentPlayground.Hardware.Knobs;

namespace LatentPlayground.Hardware.Tests.Knobs;

public sealed class ExpressionPedalTests
{
    private static void Hold(ExpressionPedal pedal, FakeChannel channel, int code, int readings = 100)
    {
        channel.Code = code;
        for (int i = 0; i < readings; i++)
        {
            pedal.Poll();
        }
    }

    [Fact]
    public void Calibration_maps_the_learnt_travel_onto_0_to_1()
    {
        var channel = new FakeChannel(26400) { Code = 2000 };
        var pedal = new ExpressionPedal(channel);
        pedal.BeginCalibration();
        foreach (int code in new[] { 2000, 5000, 21000, 22000, 9000, 2100 })
        {
            Hold(pedal, channel, code, 1);
        }

        Assert.True(pedal.EndCalibration(reversed: false, out string problem), problem);
        Assert.Equal(new PedalCalibration(2000, 22000), pedal.Calibration);

        Hold(pedal, channel, 2000);
        Hold(pedal, channel, 22000);
        Assert.Equal(1.0, pedal.Value);
        Hold(pedal, channel, 12000);
        Assert.Equal(0.5, pedal.Value, 2);
        Hold(pedal, channel, 1500);
        Assert.Equal(0.0, pedal.Value);
    }

    [Fact]
    public void A_reversed_pedal_reads_heel_as_0()
    {
        var channel = new FakeChannel(1023);
        var pedal = new ExpressionPedal(channel, new PedalCalibration(100, 900, Reversed: true));
        Hold(pedal, channel, 500);
        Hold(pedal, channel, 895);
        Assert.Equal(0.0, pedal.Value);
    }

    [Fact]
    public void A_travel_too_short_is_refused_and_the_old_calibration_stays()
    {
        var channel = new FakeChannel(1023);
        var pedal = new ExpressionPedal(channel, new PedalCalibration(10, 1000));
        pedal.BeginCalibration();
        Hold(pedal, channel, 500, 10);
        Hold(pedal, channel, 540, 10);
        Assert.False(pedal.EndCalibration(false, out string problem));
        Assert.Contains("rock the pedal", problem, StringComparison.Ordinal);
        Assert.Equal(new PedalCalibration(10, 1000), pedal.Calibration);
        Assert.False(pedal.IsCalibrating);
    }

    [Fact]
    public void Nothing_changes_while_calibrating()
    {
        var channel = new FakeChannel(1023) { Code = 0 };
        var pedal = new ExpressionPedal(channel);
        pedal.Poll();
        pedal.BeginCalibration();
        channel.Code = 1023;
        for (int i = 0; i < 50; i++)
        {
            Assert.False(pedal.Poll());
        }
    }

    [Fact]
    public void An_empty_calibration_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => new ExpressionPedal(new FakeChannel(1023), new PedalCalibration(500, 500)));
    }
}
