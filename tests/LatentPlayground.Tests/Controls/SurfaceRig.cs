using LatentPlayground.Controls;
using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Presets;
using LatentPlayground.Hardware.Pins;
using LatentPlayground.Hardware.Simulation;
using LatentPlayground.Live;
using LatentPlayground.Pedal;
using LatentPlayground.Presets;
using LatentPlayground.Sim;
using LatentPlayground.State;

namespace LatentPlayground.Tests.Controls;

/// <summary>
/// The control surface as run builds it, over the reference build's register-map simulations, with a fake clock:
/// the pin map and controls map shipped in hardware/, a seeded bank, and an engine with a silent codec.
/// </summary>
internal sealed class SurfaceRig : IDisposable
{
    public SurfaceRig()
    {
        string hardware = Path.Combine(AppContext.BaseDirectory, "hardware");
        string bankFolder = Path.Combine(Folder, "bank");
        PresetLocations.EnsureBank(bankFolder);
        (Bank, _) = PresetFolder.Load(bankFolder);
        PinMap pins = PinMapJson.Load(Path.Combine(hardware, "pinmap.json"));
        Sim = new SimulatedPedal(pins, Clock);
        Control = new PedalReducer(new SwappableEngine(Engine), Bank, bankFolder, new PedalSettings(), new PersistenceWriter(StateFolder), new LiveLog(Log, journal: false), Clock);
        Control.Start(Bank.Entries[0].Preset.Parameters);
        ControlsMap map = ControlsMapJson.Parse(File.ReadAllText(Path.Combine(hardware, "controls.json")), "controls.json");
        Surface = new PedalSurface(pins, map, Sim.Buses, Control, Engine.ReadSnapshot, new LiveLog(Log, journal: false), Clock);
        Run(200);
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("lp-surface-").FullName;

    public string StateFolder => Path.Combine(Folder, "state");

    public StringWriter Log { get; } = new();

    public ManualTimeProvider Clock { get; } = new();

    public LiveEngine Engine { get; } = new(new SilentCodec(), 1, 128, 1200);

    public PresetBank Bank { get; }

    public SimulatedPedal Sim { get; }

    public PedalReducer Control { get; }

    public PedalSurface Surface { get; }

    /// <summary>Control ticks of 2 ms: the simulated pedal releases presses, then the control loop's tick (devices, reducer, view).</summary>
    public void Run(int milliseconds)
    {
        for (int t = 0; t < milliseconds; t += 2)
        {
            Clock.AdvanceMilliseconds(2);
            Sim.Tick();
            Loop.TickOnce();
        }
    }

    /// <summary>The control loop run builds, ticked by <see cref="Run"/> in place of its thread.</summary>
    public ControlLoop Loop => _loop ??= new ControlLoop(Control, null, Surface, null, new LiveLog(Log, journal: false));

    private ControlLoop? _loop;

    public void Dispose()
    {
        Surface.Dispose();
        Control.Dispose();
        Sim.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
