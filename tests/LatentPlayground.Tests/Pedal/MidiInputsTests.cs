using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Presets;
using LatentPlayground.Live;
using LatentPlayground.Midi.Mapping;
using LatentPlayground.Pedal;
using LatentPlayground.Presets;
using LatentPlayground.State;
using LatentPlayground.Tests.Controls;

namespace LatentPlayground.Tests.Pedal;

/// <summary>
/// MIDI from a real device node (a FIFO) through the reader thread and its queue to the reducer on the control
/// thread, with a live engine: MIDI learn binds a CC, the binding survives a restart, and the CC then moves the
/// parameter in the engine.
/// </summary>
public sealed class MidiInputsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lp-midi-inputs-").FullName;
    private readonly StringWriter _log = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task MIDI_learn_from_a_device_binds_the_next_CC_and_the_binding_survives_a_restart()
    {
        string bankFolder = Path.Combine(_folder, "bank");
        string state = Path.Combine(_folder, "state");
        PresetLocations.EnsureBank(bankFolder);
        (PresetBank bank, _) = PresetFolder.Load(bankFolder);
        string fifo = Path.Combine(_folder, "midi");
        using (var mk = System.Diagnostics.Process.Start("mkfifo", fifo))
        {
            await mk.WaitForExitAsync();
        }

        var engine = new LiveEngine(new SilentCodec(), 1, 128, 1200);
        var log = new LiveLog(_log, journal: false);
        using (var reducer = new PedalReducer(new SwappableEngine(engine), bank, bankFolder, new PedalSettings(), new PersistenceWriter(state), log))
        using (var midi = new MidiInputs([fifo], log))
        {
            reducer.Start(bank.Entries[0].Preset.Parameters);
            midi.Start();
            reducer.Handle(PedalEvent.Set(ParameterId.Speed, 300, PedalInput.Encoder)); // the encoder touched speed
            reducer.Handle(PedalEvent.ToggleLearn(PedalInput.Encoder));
            Assert.Equal(ParameterId.Speed, reducer.LearnTarget);
            await using (FileStream pipe = await FifoWriter.OpenAsync(fifo, Task.Delay(Timeout.Infinite), TimeSpan.FromSeconds(30)))
            {
                pipe.Write([0xB0, 40, 10]); // CC 40 on channel 1
                pipe.Flush();
                await TickUntil(reducer, midi, () => reducer.LearnTarget is null);
            }

            reducer.SaveState();
        }

        PedalSettings saved = PedalSettingsFile.Load(state).Settings;
        Assert.Equal(CcBinding.ForParameter(ParameterId.Speed), saved.LearnedCcs[40]);

        // After a reboot CC 40 still drives speed, all the way to the engine.
        using var again = new PedalReducer(new SwappableEngine(engine), bank, bankFolder, saved, new PersistenceWriter(state), log);
        using var input = new MidiInputs([fifo], log);
        again.Start(bank.Entries[0].Preset.Parameters);
        input.Start();
        await using (FileStream pipe = await FifoWriter.OpenAsync(fifo, Task.Delay(Timeout.Infinite), TimeSpan.FromSeconds(30)))
        {
            pipe.Write([0xB0, 40, 127]);
            pipe.Flush();
            await TickUntil(again, input, () => again.Current[ParameterId.Speed] == ParameterTable.Get(ParameterId.Speed).Max);
        }

        engine.ApplyPendingImmediately();
        Assert.Equal(ParameterTable.Get(ParameterId.Speed).Max, engine.HopTarget(ParameterId.Speed));
        Assert.Equal(ParameterTable.Get(ParameterId.Speed).Max, engine.AudioTarget(ParameterId.Speed));
    }

    private static async Task TickUntil(PedalReducer reducer, MidiInputs midi, Func<bool> done)
    {
        for (int i = 0; i < 300 && !done(); i++)
        {
            reducer.Tick(midi);
            await Task.Delay(10);
        }

        Assert.True(done());
    }
}
