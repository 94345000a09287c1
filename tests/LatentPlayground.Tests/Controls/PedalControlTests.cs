using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Presets;
using LatentPlayground.Live;
using LatentPlayground.Presets;
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
        Assert.Equal("02-simplex-glass.json", PedalSettingsFile.Load(state).Settings.LastPreset);

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
}
