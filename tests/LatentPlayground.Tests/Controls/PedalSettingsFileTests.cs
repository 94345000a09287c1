using LatentPlayground.Core.Parameters;
using LatentPlayground.Hardware.Knobs;
using LatentPlayground.Midi.Clock;
using LatentPlayground.Midi.Mapping;
using LatentPlayground.State;

namespace LatentPlayground.Tests.Controls;

/// <summary>What survives a reboot besides presets: written and read back whole, and a bad field named.</summary>
public sealed class PedalSettingsFileTests
{
    [Fact]
    public void Learnt_CCs_and_the_expression_calibration_come_back_after_a_reboot()
    {
        var settings = new PedalSettings
        {
            LastPreset = "03-perlin-drift.json",
            Model = "my-rave-model",
            ClockSource = ClockSource.Tap,
            Bpm = 97.5,
            MidiChannel = 10,
            LearnedCcs = new Dictionary<int, CcBinding>
            {
                [20] = CcBinding.ForParameter(ParameterId.Speed),
                [30] = CcBinding.None,
                [64] = CcBinding.ForAction("bypass"),
            },
            Expression = new PedalCalibration(310, 25400, Reversed: true),
        };

        PedalSettings back = PedalSettingsFile.Parse(PedalSettingsFile.Serialize(settings), "settings.json");
        Assert.Equal(settings.LastPreset, back.LastPreset);
        Assert.Equal("my-rave-model", back.Model);
        Assert.Null(PedalSettingsFile.Parse(PedalSettingsFile.Serialize(new PedalSettings()), "settings.json").Model);
        Assert.Equal(settings.ClockSource, back.ClockSource);
        Assert.Equal(settings.Bpm, back.Bpm);
        Assert.Equal(settings.MidiChannel, back.MidiChannel);
        Assert.Equal(settings.LearnedCcs.OrderBy(p => p.Key), back.LearnedCcs.OrderBy(p => p.Key));
        Assert.Equal(settings.Expression, back.Expression);
    }

    [Theory]
    [InlineData("""{ "midi_learned": { "200": "speed" } }""", "settings.json: midi_learned.200: is not a CC number 0..119")]
    [InlineData("""{ "model": 3 }""", "settings.json: model: must be a model's name in the model library, or null for the default model")]
    [InlineData("""{ "midi_learned": { "20": "sped" } }""", "settings.json: midi_learned.20: \"sped\" is not a parameter")]
    [InlineData("""{ "expression": { "min_code": 900, "max_code": 100 } }""", "settings.json: expression.max_code: must be above min_code (900)")]
    [InlineData("""{ "expression": { "min_code": 0 } }""", "settings.json: expression.max_code: must be a whole number")]
    public void A_bad_field_is_named(string json, string expected)
    {
        FormatException e = Assert.Throws<FormatException>(() => PedalSettingsFile.Parse(json, "settings.json"));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }
}
