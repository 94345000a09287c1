using LatentPlayground.Hardware.Display;
using LatentPlayground.Hardware.Simulation;
using Xunit.Abstractions;
using Binding = Iot.Device.Ssd13xx;
using BindingCommands = Iot.Device.Ssd13xx.Commands.Ssd1306Commands;

namespace LatentPlayground.Hardware.Tests.Bindings;

/// <summary>
/// Iot.Device.Bindings 4.2.0's SSD1306 over <see cref="SimulatedSsd1306"/>: the evidence for keeping ours
/// (src/LatentPlayground.Hardware/BINDINGS.md). The binding's figures go to the test output.
/// </summary>
public sealed class Ssd1306BindingTests(ITestOutputHelper output)
{
    // The independent reference: the 128x64 initialisation luma.oled's tests record, then contrast, the
    // horizontal-mode window and display on. Ours is checked against it, command by command, in
    // Display/Ssd1306Tests (two documented differences).
    private const string Luma128x64 = "AE D5 80 A8 3F D3 00 40 8D 14 20 00 A1 C8 DA 12 D9 F1 DB 40 A4 A6 81 CF 21 00 7F 22 00 07 AF";

    private static string Hex(IEnumerable<byte> bytes) => string.Join(' ', bytes.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void The_binding_initialises_a_128x64_panel_as_128x32_which_is_recorded_ours_sets_64_rows()
    {
        using var sim = new SimulatedSsd1306 { RejectMalformed = false };
        Exception? failed = null;
        try
        {
            // Its constructor sends the initialisation, then clears the screen through a bitmap.
            using var binding = new Binding.Ssd1306(sim, 128, 64);
        }
#pragma warning disable CA1031 // recorded, whatever it is
        catch (Exception e)
#pragma warning restore CA1031
        {
            failed = e;
        }

        // Commands only (control byte 00h), each transfer's payload.
        string sent = string.Join(" | ", sim.Transfers.Where(t => t.Bytes[0] == 0x00).Select(t => Hex(t.Bytes.Skip(1))));
        output.WriteLine($"binding init, one transfer per command: {sent}");
        output.WriteLine($"reference (luma.oled, 128x64):            {Luma128x64}");
        output.WriteLine($"binding: multiplex {sim.MultiplexRatio} rows; constructor {(failed is null ? "returned" : $"threw {failed.GetType().Name}: {failed.Message}")}");
        output.WriteLine($"simulator faults: {string.Join("; ", sim.Faults)}");

        using var oursSim = new SimulatedSsd1306();
        var ours = new Ssd1306(oursSim);
        ours.Initialize();
        Assert.Equal(64, oursSim.MultiplexRatio);   // A8h 3Fh: MUX ratio = A[5:0] + 1 (datasheet section 10.1.11)
        Assert.Empty(oursSim.Faults);
    }

    [Fact]
    public void Ours_sends_only_the_changed_page_and_allocates_nothing_per_frame()
    {
        using var sim = new SimulatedSsd1306 { RecordTransfers = false };
        var ours = new Ssd1306(sim);
        ours.Initialize();
        byte[] picture = new byte[1024];
        int frame = 0;

        double perFrame = Allocation.PerCall(() =>
        {
            picture[(3 * 128) + 5] = (byte)frame++;   // one byte of page 3 changes each frame
            ours.Flush(picture);
        });

        sim.RecordTransfers = true;
        picture[(3 * 128) + 5] ^= 0xFF;
        int pages = ours.Flush(picture);

        Assert.Equal(0, perFrame);
        Assert.Equal(1, pages);
        // Page addressing (datasheet section 10.1.3): B3h page 3, 00h/10h column 0, then the page's 128 bytes.
        Assert.Equal([0x00, 0xB3, 0x00, 0x10], sim.Transfers[0].Bytes);
        Assert.Equal(129, sim.Transfers[1].Bytes.Count);
    }

    [Fact]
    public void The_bindings_commands_allocate_per_command_which_is_recorded()
    {
        // Sending a changed page through the binding (horizontal mode) would be the window, 21h and 22h, then
        // SendData. Its commands are objects, and GetBytes builds a new array each time; measured without a
        // device, since the binding cannot be constructed over the simulator (see above).
        double perWindow = Allocation.PerCall(() =>
        {
            _ = new BindingCommands.SetColumnAddress(0, 127).GetBytes();
            _ = new BindingCommands.SetPageAddress(BindingCommands.PageAddress.Page3, BindingCommands.PageAddress.Page3).GetBytes();
        });
        output.WriteLine($"binding: {perWindow} B allocated per page window (two command objects and their byte arrays)");
        Assert.Equal("21 00 7F", Hex(new BindingCommands.SetColumnAddress(0, 127).GetBytes()));   // datasheet section 10.1.4
        Assert.Equal("22 03 03", Hex(new BindingCommands.SetPageAddress(BindingCommands.PageAddress.Page3, BindingCommands.PageAddress.Page3).GetBytes()));   // section 10.1.5
    }
}
