using LatentPlayground.Hardware.Adc;
using LatentPlayground.Hardware.Simulation;
using Xunit.Abstractions;
using Binding = Iot.Device.Ads1115;

namespace LatentPlayground.Hardware.Tests.Bindings;

/// <summary>
/// Iot.Device.Bindings 4.2.0's ADS1115 against ours, both over <see cref="SimulatedAds1115"/>: the evidence for
/// keeping ours (src/LatentPlayground.Hardware/BINDINGS.md). The binding's figures go to the test output.
/// </summary>
public sealed class Ads1115BindingTests(ITestOutputHelper output)
{
    // The independent reference, from TI SBAS444D:
    // §9.5.3 "Writing To and Reading From the Registers": a register write is the Address Pointer byte then the
    // 16-bit value MSB first; a read sets the pointer (a one-byte write) and then reads two bytes MSB first.
    // §9.6.1 Address Pointer: 00b Conversion, 01b Config.
    // §9.6.3 Config: OS=1 (start), MUX=101b (AIN1 against GND), PGA=001b (±4.096 V), MODE=1 (single-shot),
    // DR=111b (860 SPS), COMP_MODE=0, COMP_POL=0, COMP_LAT=0, COMP_QUE=11b (comparator off):
    // 1 101 001 1 | 111 0 0 0 11 = D3h E3h. While converting, OS reads 0 (53E3h); when done, 1 (D3E3h).
    // At 1 V and ±4.096 V the code is 1 / 125 µV = 8000 = 1F40h.
    private static readonly string[] SingleShotOfAin1 =
    [
        "W 01D3E3",   // Config: start one conversion of AIN1
        "W 01", "R 53E3",   // poll Config: OS = 0, converting
        "W 01", "R D3E3",   // poll Config: OS = 1, done
        "W 00", "R 1F40",   // read Conversion
    ];

    private static Binding.Ads1115 OpenBinding(SimulatedAds1115 sim) =>
        new(sim, Binding.InputMultiplexer.AIN0, Binding.MeasuringRange.FS4096, Binding.DataRate.SPS860, Binding.DeviceMode.PowerDown);

    [Fact]
    public void A_single_shot_read_puts_the_datasheet_bytes_on_the_bus_from_the_binding_and_from_ours()
    {
        using var boundSim = new SimulatedAds1115();
        using var oursSim = new SimulatedAds1115();
        boundSim.SetVoltage(1, 1.0);
        oursSim.SetVoltage(1, 1.0);
        var binding = OpenBinding(boundSim);   // its constructor converts once and writes both threshold registers
        var ours = new Ads1115(oursSim);
        boundSim.ClearTransfers();

        short boundCode = binding.ReadRaw(Binding.InputMultiplexer.AIN1);
        short ourCode = ours.ReadSingleShot(1, TimeSpan.FromSeconds(1));

        Assert.Equal(SingleShotOfAin1, boundSim.Transfers.Select(t => t.ToString()));
        Assert.Equal(SingleShotOfAin1, oursSim.Transfers.Select(t => t.ToString()));
        Assert.Equal(8000, ourCode);
        Assert.Equal(ourCode, boundCode);
        Assert.Empty(boundSim.Faults);
    }

    [Fact]
    public void Reads_in_steady_state_allocate_nothing_in_ours_and_the_binding_figure_is_recorded()
    {
        using var boundSim = new SimulatedAds1115 { RecordTransfers = false };
        using var oursSim = new SimulatedAds1115 { RecordTransfers = false };
        var binding = OpenBinding(boundSim);
        var ours = new Ads1115(oursSim);
        var scanner = new Ads1115Scanner(new Ads1115(oursSim), [0, 1, 2, 3], 3.3);

        double boundPerRead = Allocation.PerCall(() => binding.ReadRaw(Binding.InputMultiplexer.AIN2));
        double oursPerRead = Allocation.PerCall(() => ours.ReadSingleShot(2, TimeSpan.FromSeconds(1)));
        double oursPerPoll = Allocation.PerCall(() => scanner.Poll());

        output.WriteLine($"binding ReadRaw: {boundPerRead} B per read; ours ReadSingleShot: {oursPerRead} B; ours Ads1115Scanner.Poll: {oursPerPoll} B");
        Assert.Equal(0, oursPerRead);
        Assert.Equal(0, oursPerPoll);
    }

    [Fact]
    public void Ours_never_waits_for_a_conversion_while_the_binding_polls_the_busy_bit_until_it_is_done()
    {
        // A slow conversion: 40 Config reads still busy (on the pedal, 1.2 ms at 860 SPS; 4.7 ms for four knobs).
        using var boundSim = new SimulatedAds1115();
        using var oursSim = new SimulatedAds1115();
        var binding = OpenBinding(boundSim);
        var scanner = new Ads1115Scanner(new Ads1115(oursSim), [0, 1, 2, 3], 3.3);
        boundSim.PollsPerConversion = 40;
        oursSim.PollsPerConversion = 40;
        boundSim.ClearTransfers();

        binding.ReadRaw(Binding.InputMultiplexer.AIN1);
        int boundTransfers = boundSim.Transfers.Count;

        int mostPerPoll = 0;
        for (int i = 0; i < 200; i++)
        {
            oursSim.ClearTransfers();
            scanner.Poll();
            mostPerPoll = Math.Max(mostPerPoll, oursSim.Transfers.Count);
        }

        // The binding has no start/ready split (ReadRaw writes Config and spins on OS), so it cannot serve a
        // control tick that must not wait: it made every one of these transfers inside one call.
        output.WriteLine($"binding ReadRaw: {boundTransfers} bus transfers in one call; ours: at most {mostPerPoll} per Poll");
        Assert.True(mostPerPoll <= 5, $"{mostPerPoll} transfers in one poll");   // poll Config (W+R), read Conversion (W+R), start next (W)
        Assert.True(scanner.Conversions >= 4);
    }

    [Fact]
    public void Continuous_mode_scanning_is_recorded_a_channel_change_costs_the_binding_extra_conversions()
    {
        using var sim = new SimulatedAds1115();
        var binding = new Binding.Ads1115(sim, Binding.InputMultiplexer.AIN0, Binding.MeasuringRange.FS4096, Binding.DataRate.SPS860, Binding.DeviceMode.Continuous);
        sim.ClearTransfers();
        int started = sim.ConversionsStarted;

        binding.ReadRaw(Binding.InputMultiplexer.AIN3);

        output.WriteLine($"binding, continuous mode, change to AIN3: {string.Join(", ", sim.Transfers)} ({sim.ConversionsStarted - started} single-shot conversions waited for)");
        Assert.Empty(sim.Faults);
    }
}
