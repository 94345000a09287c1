using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Presets;
using LatentPlayground.Core.Ui;
using LatentPlayground.Core.Xy;
using LatentPlayground.Live;
using LatentPlayground.Midi.Messages;
using LatentPlayground.Pedal;
using LatentPlayground.Presets;
using LatentPlayground.State;
using LatentPlayground.Xy;

namespace LatentPlayground.Tests.Pedal;

/// <summary>
/// The XY control on the pedal: points collected from the sound as it is, TRAIN on its own thread, PREDICT driving
/// the mapped parameters from every input that moves X or Y, the mapping kept across restarts and carried by presets,
/// and damaged files that leave the mapping playing.
/// </summary>
public sealed class PedalReducerXyTests
{
    [Fact]
    public void Predict_moves_the_mapped_parameters_as_x_moves_from_a_knob_the_expression_pedal_or_a_cc()
    {
        using var rig = new ReducerRig();
        TwoPointMap(rig);
        rig.Reducer.Handle(PedalEvent.Set(ParameterId.XyPredict, 1, PedalInput.Encoder));
        rig.Run(10);
        rig.Engine.Clear();

        var offsets = new List<double>();
        foreach ((PedalInput input, double x) in new[] { (PedalInput.Knob, 0.0), (PedalInput.Expression, 0.5), (PedalInput.Knob, 1.0) })
        {
            rig.Reducer.Handle(PedalEvent.Set(ParameterId.XyX, x, input));
            rig.Run(10);
            offsets.Add(rig.Engine.Changes.Last(c => c.Id == ParameterId.Offset1).Value);
        }

        // The points: offset 1 at -2 on the left and +2 on the right, scale 0.5 and 2.
        Assert.InRange(offsets[0], -2.1, -1.9);
        Assert.InRange(offsets[1], -1.5, 1.5);
        Assert.InRange(offsets[2], 1.9, 2.1);
        Assert.InRange(rig.Reducer.Current[ParameterId.Scale], 1.9, 2.1);

        // A CC on xy.x's default number sweeps it back; the reducer's values are what plays.
        rig.Midi(MidiMessageKind.ControlChange, ParameterTable.Get(ParameterId.XyX).DefaultCc, 0);
        rig.Run(10);
        Assert.InRange(rig.Reducer.Current[ParameterId.Offset1], -2.1, -1.9);
        Assert.Equal(rig.Reducer.Current[ParameterId.Offset1], rig.Engine.Changes.Last(c => c.Id == ParameterId.Offset1).Value);
    }

    [Fact]
    public void Predict_sends_nothing_while_x_and_y_stay_and_map_mode_leaves_the_values_where_predict_put_them()
    {
        using var rig = new ReducerRig();
        TwoPointMap(rig);
        rig.Reducer.Handle(PedalEvent.Set(ParameterId.XyPredict, 1, PedalInput.Encoder));
        rig.Reducer.Handle(PedalEvent.Set(ParameterId.XyX, 0.8, PedalInput.Knob));
        rig.Run(10);
        double predicted = rig.Reducer.Current[ParameterId.Offset1];
        rig.Engine.Clear();
        rig.Run(200);
        Assert.Empty(rig.Engine.Changes);

        // A knob on a mapped parameter wins until X or Y moves again.
        rig.Reducer.Handle(PedalEvent.Set(ParameterId.Offset1, -3, PedalInput.Knob));
        rig.Run(50);
        Assert.Equal(-3, rig.Reducer.Current[ParameterId.Offset1]);

        rig.Reducer.Handle(PedalEvent.Set(ParameterId.XyX, 0.8001, PedalInput.Knob));
        rig.Run(10);
        Assert.Equal(predicted, rig.Reducer.Current[ParameterId.Offset1], 2);

        rig.Reducer.Handle(PedalEvent.Set(ParameterId.XyPredict, 0, PedalInput.Encoder));
        rig.Reducer.Handle(PedalEvent.Set(ParameterId.XyX, 0, PedalInput.Knob));
        rig.Run(10);
        Assert.Equal(predicted, rig.Reducer.Current[ParameterId.Offset1], 2);
    }

    [Fact]
    public void Selecting_a_point_in_map_mode_brings_its_position_and_settings_back()
    {
        using var rig = new ReducerRig();
        TwoPointMap(rig, train: false);
        Assert.Equal(1, rig.Reducer.XySelected);
        rig.Reducer.Handle(PedalEvent.ChangeSetting(PanelSetting.XyPoint, -1, PedalInput.Encoder));
        rig.Run(10);
        Assert.Equal(0, rig.Reducer.XySelected);
        Assert.Equal(0, rig.Reducer.Current[ParameterId.XyX]);
        Assert.Equal(-2, rig.Reducer.Current[ParameterId.Offset1]);
        Assert.Equal(0.5, rig.Reducer.Current[ParameterId.Scale]);
        Assert.Equal(-2, rig.Engine.Changes.Last(c => c.Id == ParameterId.Offset1).Value);

        var view = new XyPanelState();
        rig.Reducer.DescribeXy(view);
        Assert.Equal(2, view.Count);
        Assert.Equal(0, view.Selected);
        Assert.Equal(1, view.X(1));
        Assert.Null(view.Loss);
    }

    [Fact]
    public void Groups_change_only_while_the_mapping_is_empty_and_a_first_point_takes_the_model_s_dimensions()
    {
        using var rig = new ReducerRig();
        rig.Engine.LatentSize = 4;
        Assert.Equal(PedalReducer.DefaultXyGroups, rig.Reducer.XyMapping.Groups);
        rig.Reducer.Handle(PedalEvent.ChangeSetting(PanelSetting.XyGroups, 1, PedalInput.Encoder));
        Assert.Equal(PedalReducer.DefaultXyGroups + 1, rig.Reducer.XyMapping.Groups);
        rig.Reducer.Handle(PedalEvent.ChangeSetting(PanelSetting.XyGroups, -1, PedalInput.Encoder));
        rig.Reducer.Handle(PedalEvent.Act(PedalAction.XyAdd, PedalInput.Encoder));
        rig.Run(10);

        // Offsets 1-4 and the scale: a four-dimensional model has no offset 5.
        Assert.Equal(4, rig.Reducer.XyMapping.Dimensions);
        Assert.Equal([ParameterId.Offset1, ParameterId.Offset2, ParameterId.Offset3, ParameterId.Offset4, ParameterId.Scale], rig.Reducer.XyMapping.Parameters);

        rig.Reducer.Handle(PedalEvent.ChangeSetting(PanelSetting.XyGroups, 1, PedalInput.Encoder));
        Assert.Equal(PedalReducer.DefaultXyGroups, rig.Reducer.XyMapping.Groups);
        Assert.Equal("Groups fixed\nRESET to change", rig.Reducer.Notice);
    }

    [Fact]
    public void A_training_for_points_that_changed_meanwhile_is_not_adopted()
    {
        using var rig = new ReducerRig();
        TwoPointMap(rig, train: false);
        rig.Reducer.Handle(PedalEvent.Act(PedalAction.XyTrain, PedalInput.Encoder));
        rig.Reducer.Handle(PedalEvent.Act(PedalAction.XyAdd, PedalInput.Encoder));
        XyState.TrainToEnd(rig);
        Assert.Null(rig.Reducer.XyMapping.Network);
        Assert.Equal("Points changed\nTRAIN again", rig.Reducer.Notice);
    }

    [Fact]
    public void A_mapping_referenced_by_a_preset_is_restored_with_it()
    {
        using var rig = new ReducerRig();
        TwoPointMap(rig);
        rig.Reducer.Handle(PedalEvent.Set(ParameterId.XyPredict, 1, PedalInput.Encoder));
        rig.Reducer.Handle(PedalEvent.Set(ParameterId.XyX, 0.7, PedalInput.Knob));
        rig.Run(10);
        double offset = rig.Reducer.Current[ParameterId.Offset1];
        string weights = string.Join(",", rig.Reducer.XyMapping.Network!.Weights.ToArray());

        rig.Reducer.Handle(PedalEvent.Act(PedalAction.SavePreset, PedalInput.Footswitch));
        rig.Run(10);
        rig.Reducer.SaveState();
        PresetEntry saved = rig.Bank.Entries[0];
        string presetPath = Path.Combine(rig.BankFolder, saved.FileName);
        Preset onDisk = PresetJson.Parse(File.ReadAllText(presetPath), presetPath);
        Assert.Equal(Path.GetFileNameWithoutExtension(saved.FileName) + ".xy.json", onDisk.Xy);
        Assert.True(File.Exists(Path.Combine(rig.BankFolder, onDisk.Xy!)));

        // Another preset, and the mapping cleared: recalling the saved preset brings the mapping and the sound back.
        rig.Reducer.Handle(PedalEvent.Act(PedalAction.NextPreset, PedalInput.Footswitch));
        rig.Reducer.Handle(PedalEvent.Act(PedalAction.XyReset, PedalInput.Encoder));
        rig.Reducer.Handle(PedalEvent.Act(PedalAction.XyReset, PedalInput.Encoder));
        rig.Run(10);
        Assert.Empty(rig.Reducer.XyMapping.Points);
        Assert.NotEqual(offset, rig.Reducer.Current[ParameterId.Offset1]);

        rig.Reducer.Handle(PedalEvent.Recall(0, PedalInput.Midi));
        RunUntil(rig, () => rig.Reducer.XyMapping.Points.Count == 2);
        Assert.Equal(weights, string.Join(",", rig.Reducer.XyMapping.Network!.Weights.ToArray()));
        Assert.True(rig.Reducer.Current.IsOn(ParameterId.XyPredict));
        Assert.Equal(0.7, rig.Reducer.Current[ParameterId.XyX]);
        Assert.Equal(offset, rig.Reducer.Current[ParameterId.Offset1], 9);
        Assert.False(rig.Reducer.Edited);
        Assert.DoesNotContain("warning", rig.Log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_mapping_beside_a_preset_is_one_warning_naming_the_field_and_the_mapping_playing_stays()
    {
        using var rig = new ReducerRig();
        TwoPointMap(rig);
        PresetEntry second = rig.Bank.Entries[1];
        File.WriteAllText(Path.Combine(rig.BankFolder, "bad.xy.json"), """{ "schema": 1, "groups": ["offset", "colour"], "points": [] }""");
        rig.Bank.Replace(1, new PresetEntry(second.FileName, new Preset { Name = second.Preset.Name, Parameters = second.Preset.Parameters, Xy = "bad.xy.json" }));

        rig.Reducer.Handle(PedalEvent.Recall(1, PedalInput.Midi));
        RunUntil(rig, () => rig.Reducer.Notice == "XY map bad\n(see the log)");
        Assert.Equal(2, rig.Reducer.XyMapping.Points.Count);
        Assert.NotNull(rig.Reducer.XyMapping.Network);
        string warning = Assert.Single(rig.Log.ToString().Split('\n'), l => l.StartsWith("warning: XY mapping not loaded", StringComparison.Ordinal));
        Assert.Contains("bad.xy.json: groups[1]: \"colour\" is not a group", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void The_mapping_being_built_survives_a_restart_and_a_damaged_one_is_left_on_disk()
    {
        string folder = Directory.CreateTempSubdirectory("lp-xy-restart-").FullName;
        try
        {
            string state = Path.Combine(folder, "state");
            string bankFolder = Path.Combine(folder, "bank");
            PresetLocations.EnsureBank(bankFolder);
            XyMapping built;
            using (var rig = new ReducerRig())
            {
                TwoPointMap(rig);
                rig.Reducer.SaveState();
                built = XyFiles.Load(Path.Combine(rig.StateFolder, PedalReducer.XyFileName));
                Directory.CreateDirectory(state);
                XyFiles.Save(Path.Combine(state, PedalReducer.XyFileName), built);
            }

            using (PedalReducer restarted = Start(bankFolder, state, out StringWriter log))
            {
                Assert.Equal(2, restarted.XyMapping.Points.Count);
                Assert.Equal(built.Loss, restarted.XyMapping.Loss);
                Assert.Empty(log.ToString());
            }

            string path = Path.Combine(state, PedalReducer.XyFileName);
            File.WriteAllText(path, """{ "schema": 1, "groups": ["offset"], "points": [ { "x": 2, "y": 0, "values": { } } ] }""");
            using (PedalReducer damaged = Start(bankFolder, state, out StringWriter log))
            {
                Assert.Empty(damaged.XyMapping.Points);
                Assert.Contains("points[0].x: 2 is outside 0..1; starting with an empty one", log.ToString(), StringComparison.Ordinal);
                Assert.Equal("XY map bad\n(see the log)", damaged.Notice);
            }

            Assert.Contains("\"x\": 2", File.ReadAllText(path), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Two points: offset 1 at -2 and scale 0.5 on the left (0, 0.5), offset 1 at +2 and scale 2 on the right (1, 0.5);
    // trained unless told not to.
    private static void TwoPointMap(ReducerRig rig, bool train = true)
    {
        foreach ((double x, double offset, double scale) in new[] { (0.0, -2.0, 0.5), (1.0, 2.0, 2.0) })
        {
            rig.Reducer.Handle(PedalEvent.Set(ParameterId.XyX, x, PedalInput.Knob));
            rig.Reducer.Handle(PedalEvent.Set(ParameterId.Offset1, offset, PedalInput.Knob));
            rig.Reducer.Handle(PedalEvent.Set(ParameterId.Scale, scale, PedalInput.Knob));
            rig.Reducer.Handle(PedalEvent.Act(PedalAction.XyAdd, PedalInput.Encoder));
        }

        rig.Run(10);
        if (train)
        {
            rig.Reducer.Handle(PedalEvent.Act(PedalAction.XyTrain, PedalInput.Encoder));
            XyState.TrainToEnd(rig);
            Assert.NotNull(rig.Reducer.XyMapping.Network);
        }
    }

    private static void RunUntil(ReducerRig rig, Func<bool> done)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!done() && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(5);
            rig.Run(10);
        }

        Assert.True(done(), "not reached in 10 s");
    }

    private static PedalReducer Start(string bankFolder, string state, out StringWriter log)
    {
        (PresetBank bank, _) = PresetFolder.Load(bankFolder);
        log = new StringWriter();
        var reducer = new PedalReducer(new RecordingEngine(), bank, bankFolder, new PedalSettings(), new PersistenceWriter(state), new LiveLog(log, journal: false));
        reducer.Start(bank.Entries[0].Preset.Parameters);
        return reducer;
    }
}
