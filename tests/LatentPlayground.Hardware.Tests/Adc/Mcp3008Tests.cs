using System.Device.Spi;
using LatentPlayground.Hardware.Adc;
using LatentPlayground.Hardware.Simulation;

namespace LatentPlayground.Hardware.Tests.Adc;

public sealed class Mcp3008Tests
{
    [Theory]
    [InlineData(0, 0x80)]
    [InlineData(1, 0x90)]
    [InlineData(2, 0xA0)]
    [InlineData(3, 0xB0)]
    [InlineData(4, 0xC0)]
    [InlineData(5, 0xD0)]
    [InlineData(6, 0xE0)]
    [InlineData(7, 0xF0)]
    public void Single_ended_frame_is_start_bit_then_sgl_and_channel_then_a_dont_care_byte(int channel, byte second)
    {
        using var sim = new SimulatedMcp3008();
        var adc = new Mcp3008(sim);

        adc.Read(channel);

        Assert.Equal(new byte[] { 0x01, second, 0x00 }, sim.Transfers[0].Bytes);
        Assert.Equal((true, channel), (sim.LastConversion!.Value.SingleEnded, sim.LastConversion.Value.Select));
    }

    [Fact]
    public void The_answer_is_null_bit_b9_b8_then_b7_to_b0_and_the_undefined_bits_are_masked()
    {
        using var sim = new SimulatedMcp3008 { VrefVolts = 3.3 };
        var adc = new Mcp3008(sim);
        sim.SetVoltage(5, 2.0);   // 1024 * 2.0 / 3.3 = 620.6 -> 620 = 10 0110 1100b

        int code = adc.Read(5);

        Assert.Equal(620, code);
        // High-impedance bits read as 1 until the null bit: 1111 1 0 10, then 0110 1100.
        Assert.Equal(new byte[] { 0xFF, 0xFA, 0x6C }, sim.Transfers[1].Bytes);
    }

    [Fact]
    public void Codes_saturate_at_0_and_1023()
    {
        using var sim = new SimulatedMcp3008();
        var adc = new Mcp3008(sim);
        sim.SetVoltage(0, 3.3);
        sim.SetVoltage(1, -0.2);
        Assert.Equal(1023, adc.Read(0));
        Assert.Equal(0, adc.Read(1));
    }

    [Fact]
    public void Differential_pairs_put_the_positive_channel_in_the_d_bits()
    {
        using var sim = new SimulatedMcp3008();
        var adc = new Mcp3008(sim);
        sim.SetVoltage(2, 1.0);
        sim.SetVoltage(3, 0.5);

        Assert.Equal(155, adc.ReadDifferential(2));   // CH2+ CH3-: 0.5 V
        Assert.Equal(new byte[] { 0x01, 0x20, 0x00 }, sim.Transfers[0].Bytes);
        Assert.Equal(0, adc.ReadDifferential(3));     // CH3+ CH2-: negative reads 0
        Assert.Equal(new byte[] { 0x01, 0x30, 0x00 }, sim.Transfers[2].Bytes);
    }

    [Fact]
    public void The_simulation_decodes_bits_not_bytes_so_another_alignment_also_works()
    {
        // DS21295 allows the start bit anywhere; here it is the 6th clock: 0000 0111 0000 ... (start, SGL, CH4 = 100).
        using var sim = new SimulatedMcp3008();
        sim.SetVoltage(4, 1.65);
        byte[] din = [0b0000_0111, 0b0000_0000, 0b0000_0000];
        byte[] dout = new byte[3];
        sim.TransferFullDuplex(din, dout);

        // start at clock 5, config clocks 6-9 = 1 100 (single, CH4), sample 10, null 11, B9..B0 at clocks 12-21.
        int code = ((dout[1] & 0x0F) << 6) | (dout[2] >> 2);
        Assert.Equal(512, code);
        Assert.Equal(0, (dout[1] >> 4) & 1); // the null bit
    }

    [Fact]
    public void Malformed_transfers_are_refused()
    {
        using var sim = new SimulatedMcp3008();
        Assert.Throws<IOException>(() => sim.TransferFullDuplex(new byte[3], new byte[3]));      // no start bit
        Assert.Throws<IOException>(() => sim.TransferFullDuplex([0x01, 0x80], new byte[2]));     // ends before B0
        Assert.Contains("no start bit", sim.Faults[0], StringComparison.Ordinal);
        Assert.Contains("before the result's last bit", sim.Faults[1], StringComparison.Ordinal);

        using var mode1 = new SimulatedMcp3008(new SpiConnectionSettings(0, 0) { Mode = SpiMode.Mode1, ClockFrequency = 1_000_000 });
        Assert.Throws<IOException>(() => new Mcp3008(mode1).Read(0));
    }

    [Fact]
    public void Default_settings_are_mode_0_at_1_mhz()
    {
        SpiConnectionSettings s = Mcp3008.DefaultSettings(0, 1);
        Assert.Equal((0, 1, SpiMode.Mode0, 1_000_000, 8), (s.BusId, s.ChipSelectLine, s.Mode, s.ClockFrequency, s.DataBitLength));
    }

    [Fact]
    public void A_channel_reads_a_fresh_conversion_every_time_with_full_scale_1023()
    {
        using var sim = new SimulatedMcp3008();
        var channel = new Mcp3008Channel(new Mcp3008(sim), 6);
        sim.SetVoltage(6, 1.0);
        Assert.True(channel.TryRead(out int first));
        sim.SetVoltage(6, 2.0);
        Assert.True(channel.TryRead(out int second));
        Assert.Equal((310, 620), (first, second));
        Assert.Equal(1023, channel.FullScaleCode);
    }
}
