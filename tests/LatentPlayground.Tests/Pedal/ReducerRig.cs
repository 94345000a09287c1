using LatentPlayground.Controls;
using LatentPlayground.Core.Presets;
using LatentPlayground.Hardware.Pins;
using LatentPlayground.Hardware.Simulation;
using LatentPlayground.Live;
using LatentPlayground.Midi.Input;
using LatentPlayground.Midi.Mapping;
using LatentPlayground.Midi.Messages;
using LatentPlayground.Pedal;
using LatentPlayground.Presets;
using LatentPlayground.Sim;
using LatentPlayground.State;

namespace LatentPlayground.Tests.Pedal;

/// <summary>
/// The reducer as run builds it, with a fake clock and a recording engine: the seeded bank, a real persistence
/// writer on a temporary folder, and the inputs that can fire an action wired as run wires them (the footswitches
/// over the simulated GPIO, MIDI CC 20 bound to the action, the simulator's keys).
/// </summary>
internal sealed class ReducerRig : IDisposable
{
    public const int ActionCc = 20;

    private readonly PedalFootswitches _footswitches;

    /// <param name="action">The action footswitch A's press, long press and double press and CC 20 are bound to.</param>
    public ReducerRig(PedalAction action = PedalAction.None)
    {
        PresetLocations.EnsureBank(BankFolder);
        (Bank, _) = PresetFolder.Load(BankFolder);
        var settings = new PedalSettings();
        if (action != PedalAction.None)
        {
            settings = settings with { LearnedCcs = new Dictionary<int, CcBinding> { [ActionCc] = CcBinding.ForAction(PedalActionNames.Name(action)) } };
        }

        Reducer = new PedalReducer(Engine, Bank, BankFolder, settings, new PersistenceWriter(StateFolder), new LiveLog(Log, journal: false), Clock);
        Reducer.Start(Bank.Entries[0].Preset.Parameters);
        PinMap pins = PinMapJson.Load(Path.Combine(AppContext.BaseDirectory, "hardware", "pinmap.json"));
        Sim = new SimulatedPedal(pins, Clock);
        string name = PedalActionNames.Name(action);
        var map = new FootswitchMap(new Dictionary<string, FootswitchGestures> { ["A"] = new(name, name, name) });
        _footswitches = new PedalFootswitches(Sim.Buses.Gpio, pins, map, g =>
        {
            if (g.Action != PedalAction.None)
            {
                Reducer.Handle(PedalEvent.Act(g.Action, PedalInput.Footswitch));
            }
        }, Clock);
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("lp-reducer-").FullName;

    public string BankFolder => Path.Combine(Folder, "bank");

    public string StateFolder => Path.Combine(Folder, "state");

    public StringWriter Log { get; } = new();

    public ManualTimeProvider Clock { get; } = new(TimeSpan.FromHours(1));

    public RecordingEngine Engine { get; } = new();

    public PresetBank Bank { get; }

    public SimulatedPedal Sim { get; }

    public PedalReducer Reducer { get; }

    /// <summary>Control ticks of 10 ms, as the control loop runs them: the devices, then the reducer.</summary>
    public void Run(int milliseconds)
    {
        for (int t = 0; t < milliseconds; t += 10)
        {
            Clock.AdvanceMilliseconds(10);
            Sim.Tick();
            _footswitches.Poll();
            Reducer.Tick();
        }
    }

    /// <summary>One MIDI message as a reader thread would have queued it, at the fake clock's time.</summary>
    public void Midi(MidiMessageKind kind, int data1, int data2 = 0) =>
        Reducer.Receive(new MidiEvent(new MidiMessage(kind, 0, (byte)data1, (byte)data2), Clock.GetTimestamp() / (double)Clock.TimestampFrequency));

    public void Dispose()
    {
        _footswitches.Dispose();
        Reducer.Dispose();
        Sim.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
