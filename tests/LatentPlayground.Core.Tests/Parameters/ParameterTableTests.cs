using LatentPlayground.Core.Modulation;
using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Core.Tests.Parameters;

public class ParameterTableTests
{
    [Fact]
    public void Every_row_sits_at_its_id_with_a_unique_name_and_cc()
    {
        Assert.Equal(Enum.GetValues<ParameterId>().Length, ParameterTable.Count);
        for (int i = 0; i < ParameterTable.Count; i++)
        {
            Assert.Equal((ParameterId)i, ParameterTable.All[i].Id);
        }

        Assert.Equal(ParameterTable.Count, ParameterTable.All.Select(p => p.Name.ToLowerInvariant()).Distinct().Count());
        Assert.Equal(ParameterTable.Count, ParameterTable.All.Select(p => p.DefaultCc).Distinct().Count());
        Assert.All(ParameterTable.All, p => Assert.InRange(p.DefaultCc, 0, 119));

        // Bank select, mod wheel, volume, sustain and (N)RPN stay free for what players expect of them.
        int[] reserved = [0, 1, 6, 7, 10, 11, 32, 38, 64, 96, 97, 98, 99, 100, 101];
        Assert.DoesNotContain(ParameterTable.All, p => reserved.Contains(p.DefaultCc));
    }

    [Fact]
    public void Every_default_is_valid_and_every_label_fits_the_display()
    {
        Assert.All(ParameterTable.All, p =>
        {
            Assert.True(p.IsValid(p.Default), $"{p.Name} default {p.Default}");
            Assert.InRange(p.Label.Length, 1, 8);
            Assert.False(string.IsNullOrWhiteSpace(p.Description), p.Name);
            if (p.Kind == ParameterKind.Choice)
            {
                Assert.Equal(p.Choices.Count - 1, (int)p.Max);
            }
        });
    }

    [Fact]
    public void The_table_carries_every_control_of_the_reference_device()
    {
        string[] names =
        [
            "encode", "decode", "drywet", "align", "limiter", "ceiling", "bypass", "deviation", "mod", "basis", "speed",
            "scale", "rate", "mode", "seed", "seed.link", "time.chaos", "reset", "trigger",
        ];
        foreach (string n in names)
        {
            Assert.True(ParameterTable.TryFind(n, out _), n);
        }

        for (int d = 1; d <= 8; d++)
        {
            foreach (string n in new[] { $"offset.{d}", $"seed.{d}", $"time.{d}", $"time.{d}.ms" })
            {
                Assert.True(ParameterTable.TryFind(n, out _), n);
            }
        }
    }

    [Theory]
    [InlineData("drywet", "75", "75 %")]
    [InlineData("ceiling", "-3", "-3.0 dB")]
    [InlineData("ceiling", "-3 dB", "-3.0 dB")]
    [InlineData("rate", "4", "4.00 Hz")]
    [InlineData("basis", "VORONOI", "voronoi")]
    [InlineData("mode", "fold", "fold")]
    [InlineData("time.2", "1/8.", "1/8.")]
    [InlineData("time.2", "1/8d", "1/8.")]
    [InlineData("time.2", "1/16t", "1/16t")]
    [InlineData("time.2", "free", "free")]
    [InlineData("seed.link", "on", "on")]
    [InlineData("offset.4", "-1.5", "-1.50")]
    [InlineData("time.5.ms", "250", "250 ms")]
    public void Values_parse_and_display_in_their_units(string name, string text, string shown)
    {
        Assert.True(ParameterTable.TryFind(name, out ParameterDescriptor d));
        Assert.True(d.TryParse(text, out double v, out string error), error);
        Assert.Equal(shown, d.Format(v));
    }

    [Theory]
    [InlineData("drywet", "150", "drywet: 150 is out of range 0 % .. 100 %")]
    [InlineData("speed", "fast", "speed: 'fast' is not a number")]
    [InlineData("basis", "sine", "basis: 'sine' is not one of cell, simplex, perlin, distorted, voronoi, fractal")]
    [InlineData("seed", "2.5", "seed: 2.5 is not a whole number")]
    [InlineData("encode", "maybe", "encode: 'maybe' is not on or off")]
    [InlineData("rate", "NaN", "rate: 'NaN' is not a number")]
    public void Bad_values_give_one_line_naming_the_parameter(string name, string text, string message)
    {
        Assert.True(ParameterTable.TryFind(name, out ParameterDescriptor d));
        Assert.False(d.TryParse(text, out _, out string error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void Knob_positions_map_through_the_taper_and_back()
    {
        foreach (ParameterDescriptor d in ParameterTable.All.Where(p => p.Kind == ParameterKind.Continuous))
        {
            foreach (double position in new[] { 0.0, 0.25, 0.5, 1.0 })
            {
                Assert.Equal(position, d.ToNormalized(d.FromNormalized(position)), 9);
            }
        }

        ParameterDescriptor rate = ParameterTable.Get(ParameterId.Rate);
        Assert.Equal(Math.Sqrt(0.05 * 24), rate.FromNormalized(0.5), 9);
    }

    [Fact]
    public void Set_rejects_unknown_names_and_actions_as_settings()
    {
        var p = new ParameterSet();
        Assert.Equal("'sped' is not a parameter (see 'latentplayground params')", p.TrySetFromText("sped=3"));
        Assert.Equal("'speed' is not NAME=VALUE", p.TrySetFromText("speed"));
        Assert.Equal("trigger: is an action, not a setting", p.TrySetFromText("trigger=1"));
        Assert.Throws<ArgumentOutOfRangeException>(() => p.Set(ParameterId.Scale, 4));
    }

    [Fact]
    public void Reset_restores_every_modulator_parameter_except_basis_and_mode()
    {
        var p = new ParameterSet();
        string[] changes =
        [
            "basis=voronoi", "mode=fold", "speed=900", "scale=2.5", "rate=10", "seed=77", "seed.3=5000", "seed.link=on",
            "time.4=1/16", "time.6.ms=300", "time.chaos=40", "offset.2=1", "drywet=50",
        ];
        foreach (string c in changes)
        {
            Assert.Null(p.TrySetFromText(c));
        }

        p.ResetModulators();
        var defaults = new ParameterSet();
        foreach (ParameterId id in new[] { ParameterId.Speed, ParameterId.Scale, ParameterId.Rate, ParameterId.GlobalSeed, ParameterId.Seed3, ParameterId.SeedLink, ParameterId.Time4, ParameterId.TimeMs6, ParameterId.TimeChaos })
        {
            Assert.Equal(defaults[id], p[id]);
        }

        Assert.Equal("voronoi", ParameterTable.Get(ParameterId.Basis).Format(p[ParameterId.Basis]));
        Assert.Equal("fold", ParameterTable.Get(ParameterId.Mode).Format(p[ParameterId.Mode]));

        // Latent offsets and the mix are not modulator parameters.
        Assert.Equal(1, p[ParameterId.Offset2]);
        Assert.Equal(50, p[ParameterId.DryWet]);
    }

    [Theory]
    [InlineData("1/1", 4.0)]
    [InlineData("1/4", 1.0)]
    [InlineData("1/4.", 1.5)]
    [InlineData("1/8t", 1.0 / 3.0)]
    [InlineData("1/32", 0.125)]
    [InlineData("free", 0.0)]
    public void Note_values_have_their_length_in_beats(string name, double beats)
    {
        Assert.True(TimeDivision.TryParse(name, out int index));
        Assert.Equal(beats, TimeDivision.LengthInBeats(index), 12);
    }
}
