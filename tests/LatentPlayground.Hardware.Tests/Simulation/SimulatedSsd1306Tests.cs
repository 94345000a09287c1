using LatentPlayground.Hardware.Simulation;

namespace LatentPlayground.Hardware.Tests.Simulation;

public sealed class SimulatedSsd1306Tests
{
    [Fact]
    public void Powers_up_in_the_reset_state_with_noise_in_gddram()
    {
        using var sim = new SimulatedSsd1306();
        Assert.False(sim.DisplayOn);
        Assert.False(sim.ChargePumpEnabled);
        Assert.Equal(Ssd1306AddressingMode.Page, sim.AddressingMode);
        Assert.Equal((0x7F, 0x80, 0x22, 0x12, 0x20), (sim.Contrast, sim.ClockDivide, sim.Precharge, sim.ComPins, sim.VcomhDeselect));
        Assert.Contains(sim.ReadGddram(), b => b != 0);
        Assert.False(sim.GetVisiblePixel(0, 0)); // display off
    }

    [Fact]
    public void Horizontal_mode_with_a_window_wraps_columns_into_the_next_page()
    {
        using var sim = new SimulatedSsd1306();
        // Co=0 command stream: horizontal mode, columns 10-12, pages 2-3.
        sim.Write([0x00, 0x20, 0x00, 0x21, 10, 12, 0x22, 2, 3]);
        sim.Write([0x40, 1, 2, 3, 4, 5, 6, 7]);   // 7 bytes: 6 fill the window, the 7th wraps to (10, page 2)

        byte[] ram = sim.ReadGddram();
        Assert.Equal(new byte[] { 7, 2, 3 }, ram.AsSpan((2 * 128) + 10, 3).ToArray());
        Assert.Equal(new byte[] { 4, 5, 6 }, ram.AsSpan((3 * 128) + 10, 3).ToArray());
        Assert.Equal((11, 2), (sim.Column, sim.Page));
    }

    [Fact]
    public void Vertical_mode_steps_pages_first()
    {
        using var sim = new SimulatedSsd1306();
        sim.Write([0x00, 0x20, 0x01, 0x21, 0, 127, 0x22, 0, 1]);
        sim.Write([0x40, 0xA, 0xB, 0xC]);
        byte[] ram = sim.ReadGddram();
        Assert.Equal((0xA, 0xB, 0xC), (ram[0], ram[128], ram[1]));
    }

    [Fact]
    public void Page_mode_uses_b0_and_the_column_nibbles_and_stays_in_the_page()
    {
        using var sim = new SimulatedSsd1306();
        sim.Write([0x00, 0xB5, 0x0E, 0x17]);   // page 5, column 0x7E
        sim.Write([0x40, 1, 2, 3]);
        byte[] ram = sim.ReadGddram();
        Assert.Equal((1, 2, 3), (ram[(5 * 128) + 126], ram[(5 * 128) + 127], ram[5 * 128]));
        Assert.Equal(5, sim.Page);
    }

    [Fact]
    public void Co_set_control_bytes_interleave_single_commands_and_data()
    {
        using var sim = new SimulatedSsd1306();
        sim.Write([0x80, 0xB1, 0x80, 0x00, 0x80, 0x10, 0xC0, 0x55, 0x40, 0x66, 0x77]);
        byte[] ram = sim.ReadGddram();
        Assert.Equal((0x55, 0x66, 0x77), (ram[128], ram[129], ram[130]));
    }

    [Fact]
    public void Arguments_may_arrive_in_the_next_transfer_as_with_one_command_per_transfer_drivers()
    {
        using var sim = new SimulatedSsd1306();
        sim.Write([0x00, 0x81]);
        sim.Write([0x00, 0x33]);
        Assert.Equal(0x33, sim.Contrast);
        Assert.Equal(new byte[] { 0x81, 0x33 }, sim.Commands[0]);
    }

    [Theory]
    [InlineData(new byte[] { }, "empty transfer")]
    [InlineData(new byte[] { 0x01, 0xAF }, "bits 5:0 set")]
    [InlineData(new byte[] { 0x80 }, "its byte is missing")]
    [InlineData(new byte[] { 0x00, 0xFF }, "unknown command 0xFF")]
    [InlineData(new byte[] { 0x00, 0x20, 0x03 }, "addressing mode")]
    [InlineData(new byte[] { 0x00, 0x21, 0, 128 }, "columns are 0")]
    [InlineData(new byte[] { 0x00, 0x22, 0, 8 }, "pages are 0")]
    [InlineData(new byte[] { 0x00, 0xA8, 14 }, "multiplex")]
    [InlineData(new byte[] { 0x00, 0xD9, 0x10 }, "pre-charge")]
    [InlineData(new byte[] { 0x00, 0xDA, 0x13 }, "COM pins")]
    [InlineData(new byte[] { 0x00, 0x8D, 0x15 }, "charge pump")]
    [InlineData(new byte[] { 0x00, 0x18 }, "unknown command 0x18")]
    public void Malformed_streams_are_refused_with_a_reason(byte[] transfer, string reason)
    {
        using var sim = new SimulatedSsd1306();
        IOException e = Assert.Throws<IOException>(() => sim.Write(transfer));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.Single(sim.Faults);
    }

    [Fact]
    public void Data_while_a_command_waits_for_its_argument_is_refused_and_the_half_command_forgotten()
    {
        using var sim = new SimulatedSsd1306();
        sim.Write([0x00, 0x81]);
        IOException e = Assert.Throws<IOException>(() => sim.Write([0x40, 0x12]));
        Assert.Contains("waits for 1 more argument", e.Message, StringComparison.Ordinal);
        sim.Write([0x00, 0xAF]);   // a fresh command, not 81h's argument
        Assert.True(sim.DisplayOn);
        Assert.Equal(0x7F, sim.Contrast);
    }

    [Fact]
    public void Reads_are_refused_and_faults_can_be_recorded_without_refusing()
    {
        using var sim = new SimulatedSsd1306();
        Assert.Throws<IOException>(() => sim.Read(new byte[1]));
        sim.RejectMalformed = false;
        sim.Write([0x00, 0xFF, 0xAF]);    // the rest of a refused transfer is dropped
        Assert.False(sim.DisplayOn);
        Assert.Equal(2, sim.Faults.Count);
    }

    [Fact]
    public void Visible_pixels_follow_display_state()
    {
        using var sim = new SimulatedSsd1306();
        sim.Write([0x00, 0x8D, 0x14, 0xA1, 0xC8, 0xAF, 0xB0, 0x00, 0x10]);
        sim.Write([0x40, 0x01]);
        Assert.True(sim.GetVisiblePixel(0, 0));
        Assert.Equal(sim.GetRamPixel(1, 0), sim.GetVisiblePixel(1, 0));
        sim.Write([0x00, 0xA7]);
        Assert.False(sim.GetVisiblePixel(0, 0));
        sim.Write([0x00, 0xA6, 0xA5]);
        Assert.True(sim.GetVisiblePixel(64, 40));
        sim.Write([0x00, 0xA4, 0xA0, 0xC0]);
        Assert.True(sim.GetVisiblePixel(127, 63)); // un-remapped: RAM (0, 0) shows at the opposite corner
        sim.Write([0x00, 0xAE]);
        Assert.False(sim.GetVisiblePixel(127, 63));
    }
}
