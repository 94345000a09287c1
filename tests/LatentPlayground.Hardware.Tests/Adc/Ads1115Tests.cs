using LatentPlayground.Hardware.Adc;
using LatentPlayground.Hardware.Simulation;

namespace LatentPlayground.Hardware.Tests.Adc;

public sealed class Ads1115Tests
{
    [Theory]
    [InlineData(0, 0xC3, 0xE3)]
    [InlineData(1, 0xD3, 0xE3)]
    [InlineData(2, 0xE3, 0xE3)]
    [InlineData(3, 0xF3, 0xE3)]
    public void Starting_a_conversion_writes_the_pointer_then_the_config_word_msb_first(int channel, byte msb, byte lsb)
    {
        // OS=1, MUX=100b+channel, PGA=001b (±4.096 V), MODE=1, DR=111b (860 SPS), COMP_QUE=11b.
        using var sim = new SimulatedAds1115();
        var adc = new Ads1115(sim);

        adc.StartSingleShot(channel);

        BusTransfer write = Assert.Single(sim.Transfers);
        Assert.Equal(BusDirection.Write, write.Direction);
        Assert.Equal(new byte[] { 0x01, msb, lsb }, write.Bytes);
    }

    [Fact]
    public void Config_word_carries_range_and_data_rate_in_their_fields()
    {
        Assert.Equal(0xC3E3, Ads1115.SingleShotConfig(0, Ads1115FullScale.Fsr4096, Ads1115DataRate.Sps860));
        Assert.Equal(0xC583, Ads1115.SingleShotConfig(0, Ads1115FullScale.Fsr2048, Ads1115DataRate.Sps128)); // the reset fields, OS and AIN0
        Assert.Equal(0xF1C3, Ads1115.SingleShotConfig(3, Ads1115FullScale.Fsr6144, Ads1115DataRate.Sps475));
        Assert.Equal(0xDB03, Ads1115.SingleShotConfig(1, Ads1115FullScale.Fsr256, Ads1115DataRate.Sps8));
    }

    [Fact]
    public void A_blocking_read_starts_polls_the_os_bit_and_then_reads_the_conversion_register()
    {
        using var sim = new SimulatedAds1115 { PollsPerConversion = 2 };
        sim.SetVoltage(2, 1.5);
        var adc = new Ads1115(sim);

        short code = adc.ReadSingleShot(2, TimeSpan.FromSeconds(1));

        Assert.Equal(12000, code); // 1.5 V / 125 µV
        Assert.Equal(1.5, adc.ToVolts(code), 6);
        string[] expected =
        [
            "W 01E3E3",                 // start AIN2
            "W 01", "R 63E3",           // poll: OS = 0, busy
            "W 01", "R 63E3",           // busy
            "W 01", "R E3E3",           // OS = 1: done
            "W 00", "R 2EE0",           // Conversion register: 12000
        ];
        Assert.Equal(expected, sim.Transfers.Select(t => t.ToString()));
    }

    [Fact]
    public void Conversion_register_keeps_the_old_result_until_the_os_bit_says_done()
    {
        using var sim = new SimulatedAds1115 { PollsPerConversion = 1 };
        var adc = new Ads1115(sim);
        sim.SetVoltage(0, 1.0);
        Assert.Equal(8000, adc.ReadSingleShot(0, TimeSpan.FromSeconds(1)));

        sim.SetVoltage(0, 2.0);
        adc.StartSingleShot(0);
        Assert.Equal(8000, adc.ReadConversion());
        Assert.False(adc.IsConversionReady());
        Assert.True(adc.IsConversionReady());
        Assert.Equal(16000, adc.ReadConversion());
    }

    [Fact]
    public void Full_scale_saturates_and_negative_inputs_read_negative()
    {
        using var sim = new SimulatedAds1115 { PollsPerConversion = 0 };
        var adc = new Ads1115(sim);
        sim.SetVoltage(1, 5.0);
        sim.SetVoltage(3, -0.01);
        Assert.Equal(short.MaxValue, adc.ReadSingleShot(1, TimeSpan.FromSeconds(1)));
        Assert.Equal(-80, adc.ReadSingleShot(3, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void A_conversion_that_never_finishes_times_out()
    {
        using var sim = new SimulatedAds1115 { PollsPerConversion = int.MaxValue };
        var adc = new Ads1115(sim);
        TimeoutException e = Assert.Throws<TimeoutException>(() => adc.ReadSingleShot(0, TimeSpan.FromMilliseconds(20)));
        Assert.Contains("AIN0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_the_conversion_register_is_refused_by_the_driver_and_by_the_device()
    {
        using var sim = new SimulatedAds1115();
        var adc = new Ads1115(sim);
        Assert.Throws<ArgumentException>(() => adc.WriteRegister(Ads1115Register.Conversion, 1));

        Assert.Throws<IOException>(() => sim.Write([0x00, 0x12, 0x34]));
        Assert.Throws<IOException>(() => sim.Write([0x05]));
        Assert.Throws<IOException>(() => sim.Write([0x01, 0x85]));
        Assert.Equal(3, sim.Faults.Count);
        Assert.Contains("read-only", sim.Faults[0], StringComparison.Ordinal);
        Assert.Contains("reserved bits", sim.Faults[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Power_on_config_reads_8583h_and_thresholds_read_back()
    {
        using var sim = new SimulatedAds1115();
        var adc = new Ads1115(sim);
        Assert.Equal(0x8583, adc.ReadRegister(Ads1115Register.Config));
        Assert.Equal(0x8000, adc.ReadRegister(Ads1115Register.LoThresh));
        Assert.Equal(0x7FFF, adc.ReadRegister(Ads1115Register.HiThresh));
        adc.WriteRegister(Ads1115Register.HiThresh, 0x1234);
        Assert.Equal(0x1234, adc.ReadRegister(Ads1115Register.HiThresh));
    }

    [Fact]
    public void Continuous_mode_reads_os_zero_and_follows_the_input()
    {
        using var sim = new SimulatedAds1115();
        var adc = new Ads1115(sim);
        adc.WriteRegister(Ads1115Register.Config, 0x4283); // AIN0, ±4.096 V, continuous
        sim.SetVoltage(0, 0.5);
        Assert.False(adc.IsConversionReady());
        Assert.Equal(4000, adc.ReadConversion());
        sim.SetVoltage(0, 0.25);
        Assert.Equal(2000, adc.ReadConversion());
    }
}
