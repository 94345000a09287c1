using LatentPlayground.Hardware.Adc;
using LatentPlayground.Hardware.Simulation;
using Xunit.Abstractions;
using Binding = Iot.Device.Adc;

namespace LatentPlayground.Hardware.Tests.Bindings;

/// <summary>
/// Iot.Device.Bindings 4.2.0's MCP3008 over <see cref="SimulatedMcp3008"/>: the evidence for using it
/// (src/LatentPlayground.Hardware/BINDINGS.md). Our <see cref="Mcp3008"/> is a thin wrapper over it for
/// single-ended reads, so "ours" below is the product path.
/// </summary>
public sealed class Mcp3008BindingTests(ITestOutputHelper output)
{
    // The independent reference, Microchip DS21295 §6.1 and Figure 6-1 (8-bit segments, SPI mode 0,0): the host
    // sends 0000 0001 (start bit), then SGL/DIFF D2 D1 D0 xxxx, then a don't-care byte (sent as 00h):
    // for single-ended CHn that is 01h, (8 | n) << 4, 00h. Table 5-2 gives the D bits.
    private static byte[] SingleEndedFrame(int channel) => [0x01, (byte)((0x8 | channel) << 4), 0x00];

    [Fact]
    public void Every_channel_puts_the_datasheet_frame_on_the_bus_and_reads_the_same_10_bit_code_as_ours()
    {
        using var boundSim = new SimulatedMcp3008 { VrefVolts = 3.3 };
        using var oursSim = new SimulatedMcp3008 { VrefVolts = 3.3 };
        var binding = new Binding.Mcp3008(boundSim);
        var ours = new Mcp3008(oursSim);
        for (int ch = 0; ch < Mcp3008.ChannelCount; ch++)
        {
            double volts = 0.4 * ch + 0.1;   // 31, 155, 279, ... 899: every channel different
            boundSim.SetVoltage(ch, volts);
            oursSim.SetVoltage(ch, volts);
        }

        for (int ch = 0; ch < Mcp3008.ChannelCount; ch++)
        {
            boundSim.ClearTransfers();
            oursSim.ClearTransfers();
            int boundCode = binding.Read(ch);
            int ourCode = ours.Read(ch);

            // A full-duplex transfer is logged as its write, then its read.
            Assert.Equal(SingleEndedFrame(ch), boundSim.Transfers[0].Bytes);
            Assert.Equal(SingleEndedFrame(ch), oursSim.Transfers[0].Bytes);
            Assert.Equal((int)(1024 * (0.4 * ch + 0.1) / 3.3), ourCode);
            Assert.Equal(ourCode, boundCode);
        }
    }

    [Fact]
    public void The_full_scale_of_10_bits_reads_1023()
    {
        using var sim = new SimulatedMcp3008 { VrefVolts = 3.3 };
        var ours = new Mcp3008(sim);
        sim.SetVoltage(7, 3.3);
        Assert.Equal(Mcp3008.MaxCode, ours.Read(7));
    }

    [Fact]
    public void A_read_allocates_nothing()
    {
        using var boundSim = new SimulatedMcp3008 { RecordTransfers = false };
        using var oursSim = new SimulatedMcp3008 { RecordTransfers = false };
        var binding = new Binding.Mcp3008(boundSim);
        var ours = new Mcp3008(oursSim);
        var channel = new Mcp3008Channel(ours, 3);
        int ch = 0;

        double boundPerRead = Allocation.PerCall(() => binding.Read(ch++ & 7));
        double oursPerRead = Allocation.PerCall(() => ours.Read(ch++ & 7));
        double oursPerChannelRead = Allocation.PerCall(() => channel.TryRead(out _));

        output.WriteLine($"binding Read: {boundPerRead} B per read; ours (the wrapper): {oursPerRead} B; Mcp3008Channel.TryRead: {oursPerChannelRead} B");
        Assert.Equal(0, boundPerRead);
        Assert.Equal(0, oursPerRead);
        Assert.Equal(0, oursPerChannelRead);
    }

    [Fact]
    public void An_answer_with_the_null_bit_set_is_a_bus_error_in_ours()
    {
        // Nothing answering on MISO with the line pulled high reads all ones: no null bit (DS21295 §5.0).
        using var sim = new SimulatedMcp3008();
        var ours = new Mcp3008(new AllOnesSpi(sim));
        Assert.Throws<IOException>(() => ours.Read(0));
    }

    [Fact]
    public void Differential_frames_are_recorded_the_binding_pairs_are_checked_against_table_5_2()
    {
        // DS21295 Table 5-2, SGL/DIFF = 0: D2 D1 D0 = 010 is CH2+ CH3-, 011 is CH2- CH3+.
        using var boundSim = new SimulatedMcp3008();
        using var oursSim = new SimulatedMcp3008();
        var binding = new Binding.Mcp3008(boundSim);
        var ours = new Mcp3008(oursSim);

        binding.ReadPseudoDifferential(3, 2);   // CH3 the signal, CH2 its reference
        ours.ReadDifferential(3);

        output.WriteLine($"CH3+ CH2-: binding sends {boundSim.Transfers[0]}, ours {oursSim.Transfers[0]}, Table 5-2 says W 013000");
        Assert.Equal(new byte[] { 0x01, 0x30, 0x00 }, oursSim.Transfers[0].Bytes);
    }

    /// <summary>A device whose MISO reads all ones (nothing driving it, a pull-up).</summary>
    private sealed class AllOnesSpi(SimulatedMcp3008 inner) : System.Device.Spi.SpiDevice
    {
        public override System.Device.Spi.SpiConnectionSettings ConnectionSettings => inner.ConnectionSettings;

        public override byte ReadByte() => 0xFF;

        public override void Read(Span<byte> buffer) => buffer.Fill(0xFF);

        public override void Write(ReadOnlySpan<byte> buffer)
        {
        }

        public override void WriteByte(byte value)
        {
        }

        public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) => readBuffer.Fill(0xFF);
    }
}
