using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Presets;

namespace LatentPlayground.Core.Tests.Presets;

public sealed class PresetBankTests
{
    private static PresetBank Bank(int count) =>
        new(Enumerable.Range(1, count).Reverse().Select(i => new PresetEntry($"{i:00}-p.json", new Preset { Name = $"P{i}", Parameters = new ParameterSet() })));

    [Fact]
    public void Presets_are_in_file_name_order_and_next_and_previous_wrap()
    {
        PresetBank bank = Bank(3);
        Assert.Equal(["01-p.json", "02-p.json", "03-p.json"], bank.Entries.Select(e => e.FileName));
        Assert.Equal("P1", bank.CurrentEntry!.Preset.Name);
        Assert.Equal("P3", bank.Previous()!.Preset.Name);
        Assert.Equal("P1", bank.Next()!.Preset.Name);
        Assert.Equal("P2", bank.Next()!.Preset.Name);
    }

    [Fact]
    public void Bank_up_and_down_keep_the_slot_and_clamp_in_the_last_short_bank()
    {
        PresetBank bank = Bank(19); // banks of 8: 0-7, 8-15, 16-18
        Assert.True(bank.TrySelect(5, out _));
        Assert.Equal(13, bank.Entries.ToList().IndexOf(bank.BankUp()!));
        Assert.Equal(18, bank.Entries.ToList().IndexOf(bank.BankUp()!)); // slot 5 of a 3-preset bank: its last
        Assert.Equal(2, bank.Entries.ToList().IndexOf(bank.BankUp()!));  // wraps to the first bank
        Assert.Equal(18, bank.Entries.ToList().IndexOf(bank.BankDown()!));
    }

    [Fact]
    public void Program_change_selects_by_index_and_ignores_numbers_past_the_end()
    {
        PresetBank bank = Bank(4);
        Assert.True(bank.TrySelect(3, out PresetEntry? e));
        Assert.Equal("P4", e!.Preset.Name);
        Assert.False(bank.TrySelect(4, out _));
        Assert.Equal(3, bank.Current);
    }

    [Fact]
    public void An_empty_bank_has_no_current_preset_and_moves_nowhere()
    {
        PresetBank bank = Bank(0);
        Assert.Equal(-1, bank.Current);
        Assert.Null(bank.Next());
        Assert.Null(bank.BankUp());
    }

    [Fact]
    public void Presets_are_found_by_name_file_or_stem()
    {
        PresetBank bank = Bank(3);
        Assert.Equal(1, bank.IndexOf("p2"));
        Assert.Equal(2, bank.IndexOf("03-p.json"));
        Assert.Equal(0, bank.IndexOf("01-p"));
        Assert.Equal(-1, bank.IndexOf("nope"));
    }
}
