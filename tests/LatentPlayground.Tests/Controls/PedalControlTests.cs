using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Presets;
using LatentPlayground.Live;
using LatentPlayground.Presets;
using LatentPlayground.Midi.Mapping;
using LatentPlayground.State;

namespace LatentPlayground.Tests.Controls;

/// <summary>The pedal's actions on the control thread: recall, save over the current preset, bypass, with the state saved.</summary>
public sealed class PedalControlTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lp-control-").FullName;
    private readonly StringWriter _log = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Next_preset_recalls_it_and_remembers_it_and_save_writes_the_current_sound_over_its_file()
    {
        string bankFolder = Path.Combine(_folder, "bank");
        string state = Path.Combine(_folder, "state");
        PresetLocations.EnsureBank(bankFolder);
        (PresetBank bank, _) = PresetFolder.Load(bankFolder);
        var engine = new LiveEngine(new SilentCodec(), 1, 128, 1200);
        using var control = new PedalControl(engine, bank, bankFolder, new PedalSettings(), state, [], new LiveLog(_log, journal: false));
        control.Start(bank.Entries[0].Preset.Parameters);

        control.Act("next-preset");
        Assert.Contains("preset 1: Simplex glass", _log.ToString(), StringComparison.Ordinal);
        Assert.Equal("02-simplex-glass.json", LatentPlayground.Tests.State.Persisted.Eventually(state, s => s.LastPreset is not null).LastPreset);

        control.Act("bypass");
        Assert.True(control.Current.IsOn(ParameterId.Bypass));
        control.Act("save-preset");
        Preset saved = PresetJson.Parse(File.ReadAllText(Path.Combine(bankFolder, "02-simplex-glass.json")), "saved");
        Assert.Equal("Simplex glass", saved.Name);
        Assert.True(saved.Parameters.IsOn(ParameterId.Bypass));
        Assert.Equal(bank.Entries[1].Preset.Parameters[ParameterId.Speed], saved.Parameters[ParameterId.Speed]);
    }

    [Fact]
    public void A_program_change_past_the_bank_is_a_warning_and_nothing_changes()
    {
        string bankFolder = Path.Combine(_folder, "bank");
        PresetLocations.EnsureBank(bankFolder);
        (PresetBank bank, _) = PresetFolder.Load(bankFolder);
        var engine = new LiveEngine(new SilentCodec(), 1, 128, 1200);
        using var control = new PedalControl(engine, bank, bankFolder, new PedalSettings(), Path.Combine(_folder, "state"), [], new LiveLog(_log, journal: false));
        Assert.False(control.Recall(99));
        Assert.Contains("warning: preset 99: the bank has 9 presets", _log.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, bank.Current);
    }

    [Fact]
    public async Task MIDI_learn_binds_the_next_CC_to_the_parameter_touched_last_and_the_binding_survives_a_restart()
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
        using (var control = new PedalControl(engine, bank, bankFolder, new PedalSettings(), state, [fifo], new LiveLog(_log, journal: false)))
        {
            control.Start(bank.Entries[0].Preset.Parameters);
            control.SetParameter(ParameterId.Speed, 300); // the encoder or a knob touched speed
            control.ToggleLearn();
            Assert.Equal(ParameterId.Speed, control.LearnTarget);
            await using (FileStream pipe = await FifoWriter.OpenAsync(fifo, Task.Delay(Timeout.Infinite), TimeSpan.FromSeconds(30)))
            {
                pipe.Write([0xB0, 40, 10]); // CC 40 on channel 1
                pipe.Flush();
                await PollUntil(control, () => control.LearnTarget is null);
            }
        }

        PedalSettings saved = PedalSettingsFile.Load(state).Settings;
        Assert.Equal(CcBinding.ForParameter(ParameterId.Speed), saved.LearnedCcs[40]);

        // After a reboot CC 40 still drives speed.
        using var again = new PedalControl(engine, bank, bankFolder, saved, state, [fifo], new LiveLog(_log, journal: false));
        again.Start(bank.Entries[0].Preset.Parameters);
        await using (FileStream pipe = await FifoWriter.OpenAsync(fifo, Task.Delay(Timeout.Infinite), TimeSpan.FromSeconds(30)))
        {
            pipe.Write([0xB0, 40, 127]);
            pipe.Flush();
            await PollUntil(again, () => again.Current[ParameterId.Speed] == ParameterTable.Get(ParameterId.Speed).Max);
        }
    }

    private static async Task PollUntil(PedalControl control, Func<bool> done)
    {
        for (int i = 0; i < 300 && !done(); i++)
        {
            control.Poll();
            await Task.Delay(10);
        }

        Assert.True(done());
    }
}
