using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Presets;
using LatentPlayground.Core.Ui;
using LatentPlayground.Core.Xy;
using LatentPlayground.Midi.Clock;
using LatentPlayground.Midi.Messages;
using LatentPlayground.Pedal;
using LatentPlayground.Sim;
using LatentPlayground.State;
using LatentPlayground.Tests.State;

namespace LatentPlayground.Tests.Pedal;

/// <summary>
/// The reducer, the one owner of the pedal's state, with a fake clock: every action from every input that can fire
/// one, each event kind, the coalescing within a tick, and what a refusing engine leaves.
/// </summary>
public sealed class PedalReducerTests
{
    public enum ActionInput
    {
        MidiCc,
        FootswitchPress,
        FootswitchLongPress,
        FootswitchDoublePress,
        SimulatorKey,
    }

    public static TheoryData<PedalAction, ActionInput> EveryActionFromEveryInput()
    {
        var data = new TheoryData<PedalAction, ActionInput>();
        foreach (PedalAction action in Enum.GetValues<PedalAction>())
        {
            if (action == PedalAction.None)
            {
                continue;
            }

            foreach (ActionInput input in Enum.GetValues<ActionInput>())
            {
                data.Add(action, input);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryActionFromEveryInput))]
    public void Every_action_from_every_input_changes_the_state_and_tells_the_engine_and_the_disk(PedalAction action, ActionInput input)
    {
        using var rig = new ReducerRig(action);
        PresetBank bank = rig.Bank;
        switch (action)
        {
            case PedalAction.Bypass or PedalAction.Freeze:
                ParameterId toggle = action == PedalAction.Bypass ? ParameterId.Bypass : ParameterId.Freeze;
                Perform(rig, input);
                Assert.True(rig.Reducer.Current.IsOn(toggle));
                Assert.Equal(1, rig.Engine.Count(toggle, 1));
                Perform(rig, input);
                Assert.False(rig.Reducer.Current.IsOn(toggle));
                Assert.Equal(1, rig.Engine.Count(toggle, 0));
                break;
            case PedalAction.Trigger:
                Perform(rig, input);
                Assert.Equal(1, rig.Engine.Count(ParameterId.Trigger, 1));
                Assert.Empty(rig.Engine.Switches);
                break;
            case PedalAction.TapTempo:
                Perform(rig, input);
                Assert.Equal(ClockSource.Internal, rig.Reducer.Settings.ClockSource); // one tap is no tempo yet
                Perform(rig, input);
                Assert.Equal(ClockSource.Tap, rig.Reducer.Settings.ClockSource);
                double bpm = rig.Reducer.Settings.Bpm;
                Assert.InRange(bpm, 40, 250);
                Assert.Equal(bpm, rig.Engine.Clocks[^1].Anchor.Bpm, 6);
                Assert.Equal(bpm, Persisted.Eventually(rig.StateFolder, s => s.ClockSource == ClockSource.Tap).Bpm, 6);
                break;
            case PedalAction.NextPreset or PedalAction.PreviousPreset or PedalAction.BankUp or PedalAction.BankDown:
                // Nine presets in two banks of eight: from the first, next is 1; previous wraps to 8; a bank either
                // way lands on the second bank's first slot, 8.
                int expected = action == PedalAction.NextPreset ? 1 : 8;
                Perform(rig, input);
                Assert.Equal(expected, bank.Current);
                double[] sent = Assert.Single(rig.Engine.Switches);
                Assert.Equal(bank.Entries[expected].Preset.Parameters[ParameterId.Speed], sent[(int)ParameterId.Speed]);
                Assert.Equal(bank.Entries[expected].Preset.Parameters[ParameterId.Speed], rig.Reducer.Current[ParameterId.Speed]);
                Assert.Equal(bank.Entries[expected].FileName, Persisted.Eventually(rig.StateFolder, s => s.LastPreset is not null).LastPreset);
                break;
            case PedalAction.SavePreset:
                rig.Reducer.Handle(PedalEvent.Set(ParameterId.DryWet, 37, PedalInput.Knob));
                rig.Run(10);
                Assert.True(rig.Reducer.Edited);
                Perform(rig, input);
                Assert.False(rig.Reducer.Edited);
                rig.Reducer.SaveState(); // waits for the writer
                string file = Path.Combine(rig.BankFolder, bank.Entries[0].FileName);
                Assert.Equal(37, PresetJson.Parse(File.ReadAllText(file), file).Parameters[ParameterId.DryWet]);
                Assert.Contains("saved " + file, rig.Log.ToString(), StringComparison.Ordinal);
                break;
            case PedalAction.BendSet or PedalAction.BendRecall or PedalAction.BendRevert or PedalAction.BendReload:
                // This rig has no model library to load live weights from: one line says so, nothing reaches the engine.
                // (The bending tests play them on a model.)
                Perform(rig, input);
                Perform(rig, input);
                Assert.Equal("Bending\nunavailable", rig.Reducer.Notice);
                Assert.Single(rig.Log.ToString().Split('\n'), l => l.StartsWith("warning: bending:", StringComparison.Ordinal));
                Assert.Empty(rig.Engine.Changes);
                Assert.Empty(rig.Engine.Switches);
                return;
            case PedalAction.XyAdd:
                rig.Reducer.Handle(PedalEvent.Set(ParameterId.XyX, 0.25, PedalInput.Knob));
                Perform(rig, input);
                XyMapPoint added = Assert.Single(rig.Reducer.XyMapping.Points);
                Assert.Equal(0.25, added.X);
                Assert.Equal(0, rig.Reducer.XySelected);
                Assert.Single(XyState.Eventually(rig.StateFolder, m => m.Points.Count == 1).Points);
                break;
            case PedalAction.XyUpdate:
                rig.Reducer.Handle(PedalEvent.Act(PedalAction.XyAdd, PedalInput.Encoder));
                rig.Reducer.Handle(PedalEvent.Set(ParameterId.XyY, 0.9, PedalInput.Knob));
                rig.Reducer.Handle(PedalEvent.Set(ParameterId.Offset1, 1.5, PedalInput.Knob));
                Perform(rig, input);
                XyMapPoint updated = Assert.Single(rig.Reducer.XyMapping.Points);
                Assert.Equal(0.9, updated.Y);
                Assert.Equal(1.5, updated.Values[rig.Reducer.XyMapping.Parameters.ToList().IndexOf(ParameterId.Offset1)]);
                Assert.Equal(0.9, XyState.Eventually(rig.StateFolder, m => m.Points.Count == 1 && m.Points[0].Y == 0.9).Points[0].Y);
                break;
            case PedalAction.XyDelete:
                rig.Reducer.Handle(PedalEvent.Act(PedalAction.XyAdd, PedalInput.Encoder));
                rig.Reducer.Handle(PedalEvent.Act(PedalAction.XyAdd, PedalInput.Encoder));
                Perform(rig, input);
                Assert.Single(rig.Reducer.XyMapping.Points);
                Assert.Equal(0, rig.Reducer.XySelected);
                Assert.Single(XyState.Eventually(rig.StateFolder, m => m.Points.Count == 1).Points);
                break;
            case PedalAction.XyTrain:
                rig.Reducer.Handle(PedalEvent.Act(PedalAction.XyAdd, PedalInput.Encoder));
                rig.Reducer.Handle(PedalEvent.Set(ParameterId.XyX, 1, PedalInput.Knob));
                rig.Reducer.Handle(PedalEvent.Set(ParameterId.Offset1, 2, PedalInput.Knob));
                rig.Reducer.Handle(PedalEvent.Act(PedalAction.XyAdd, PedalInput.Encoder));
                rig.Run(10);
                Assert.Null(rig.Reducer.XyMapping.Network);
                Perform(rig, input);
                XyState.TrainToEnd(rig);
                Assert.NotNull(rig.Reducer.XyMapping.Network);
                Assert.InRange(rig.Reducer.XyMapping.Loss!.Value, 0, 1e-3);
                Assert.StartsWith("Trained\nloss ", rig.Reducer.Notice, StringComparison.Ordinal);
                Assert.NotNull(XyState.Eventually(rig.StateFolder, m => m.Network is not null).Loss);
                break;
            case PedalAction.XyReset:
                rig.Reducer.Handle(PedalEvent.Act(PedalAction.XyAdd, PedalInput.Encoder));
                Perform(rig, input);
                Assert.Single(rig.Reducer.XyMapping.Points); // the first press only arms it
                Assert.Equal("RESET XY map?\npush again", rig.Reducer.Notice);
                Perform(rig, input);
                Assert.Empty(rig.Reducer.XyMapping.Points);
                Assert.Empty(XyState.Eventually(rig.StateFolder, m => m.Points.Count == 0).Points);
                break;
            case PedalAction.LoopCapture:
                // The engine's looper takes the bars (the looper tests play it); the loop turns on with the capture.
                Perform(rig, input);
                Assert.Equal(1, rig.Engine.Count(ParameterId.LoopCapture, 1));
                Assert.True(rig.Reducer.Current.IsOn(ParameterId.Loop));
                Assert.Equal(1, rig.Engine.Count(ParameterId.Loop, 1));
                break;
            default:
                throw new InvalidOperationException($"no check for {action}");
        }

        Assert.DoesNotContain("warning", rig.Log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parameters_from_each_input_are_sent_once_per_tick_with_their_last_value()
    {
        using var rig = new ReducerRig();
        foreach (PedalInput input in new[] { PedalInput.Knob, PedalInput.Encoder, PedalInput.Expression })
        {
            for (int v = 10; v <= 50; v += 10)
            {
                rig.Reducer.Handle(PedalEvent.Set(ParameterId.DryWet, v, input));
            }
        }

        for (int v = 0; v < 128; v++)
        {
            rig.Midi(MidiMessageKind.ControlChange, ParameterTable.Get(ParameterId.Speed).DefaultCc, v);
        }

        rig.Run(10);
        Assert.Equal([50.0], rig.Engine.Changes.Where(c => c.Id == ParameterId.DryWet).Select(c => c.Value));
        Assert.Equal([ParameterTable.Get(ParameterId.Speed).Max], rig.Engine.Changes.Where(c => c.Id == ParameterId.Speed).Select(c => c.Value));
        Assert.Equal(ParameterId.Speed, rig.Reducer.LastTouched);
    }

    [Fact]
    public void Only_the_last_recall_of_a_tick_is_sent_and_moves_after_it_are_kept()
    {
        using var rig = new ReducerRig();
        rig.Reducer.Handle(PedalEvent.Set(ParameterId.DryWet, 11, PedalInput.Knob)); // before the recall: moot
        for (int program = 0; program < 5; program++)
        {
            rig.Midi(MidiMessageKind.ProgramChange, program);
        }

        rig.Reducer.Handle(PedalEvent.Set(ParameterId.Deviation, 0.25, PedalInput.Knob)); // after it: kept
        rig.Run(10);
        double[] sent = Assert.Single(rig.Engine.Switches);
        Assert.Equal(4, rig.Bank.Current);
        Assert.Equal(rig.Bank.Entries[4].Preset.Parameters[ParameterId.DryWet], sent[(int)ParameterId.DryWet]);
        Assert.DoesNotContain(rig.Engine.Changes, c => c.Id == ParameterId.DryWet);
        Assert.Equal(0.25, rig.Engine.Changes.Single(c => c.Id == ParameterId.Deviation).Value);
        Assert.Equal(0.25, rig.Reducer.Current[ParameterId.Deviation]);
    }

    [Fact]
    public void Two_next_presses_in_one_tick_move_two_presets()
    {
        using var rig = new ReducerRig();
        rig.Reducer.Handle(PedalEvent.Act(PedalAction.NextPreset, PedalInput.Footswitch));
        rig.Reducer.Handle(PedalEvent.Act(PedalAction.NextPreset, PedalInput.Midi));
        rig.Run(10);
        Assert.Equal(2, rig.Bank.Current);
        Assert.Single(rig.Engine.Switches);
    }

    [Fact]
    public void A_refused_recall_leaves_the_bank_and_the_values_where_the_engine_has_them_and_a_refused_move_waits()
    {
        using var rig = new ReducerRig();
        double before = rig.Reducer.Current[ParameterId.Speed];
        rig.Engine.Full = true;
        rig.Reducer.Handle(PedalEvent.Act(PedalAction.NextPreset, PedalInput.Footswitch));
        rig.Run(10);
        Assert.Equal(0, rig.Bank.Current);
        Assert.Equal(before, rig.Reducer.Current[ParameterId.Speed]);
        Assert.Contains("warning: preset 02-simplex-glass.json: the engine's inbox is full", rig.Log.ToString(), StringComparison.Ordinal);

        rig.Reducer.Handle(PedalEvent.Set(ParameterId.DryWet, 42, PedalInput.Knob));
        rig.Run(30);
        Assert.Empty(rig.Engine.Changes);
        rig.Engine.Full = false;
        rig.Run(10);
        Assert.Equal(42, rig.Engine.Changes.Single(c => c.Id == ParameterId.DryWet).Value);

        // The next press starts from the preset that plays, not from the one refused.
        rig.Reducer.Handle(PedalEvent.Act(PedalAction.NextPreset, PedalInput.Footswitch));
        rig.Run(10);
        Assert.Equal(1, rig.Bank.Current);
    }

    [Fact]
    public void A_program_change_past_the_bank_is_one_warning_and_nothing_changes()
    {
        using var rig = new ReducerRig();
        rig.Midi(MidiMessageKind.ProgramChange, 99);
        rig.Run(10);
        Assert.Contains("warning: preset 99: the bank has 9 presets", rig.Log.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, rig.Bank.Current);
        Assert.Empty(rig.Engine.Switches);
    }

    [Fact]
    public void Settings_page_changes_are_kept_and_the_tempo_moves_the_engine_clock()
    {
        using var rig = new ReducerRig();
        rig.Reducer.Handle(PedalEvent.ChangeSetting(PanelSetting.Tempo, 5, PedalInput.Encoder));
        rig.Reducer.Handle(PedalEvent.ChangeSetting(PanelSetting.MidiChannel, 1, PedalInput.Encoder));
        rig.Reducer.Handle(PedalEvent.ChangeSetting(PanelSetting.ClockSource, 1, PedalInput.Encoder));
        rig.Run(10);
        Assert.Equal(125, rig.Engine.Clocks[0].Anchor.Bpm);
        PedalSettings saved = Persisted.Eventually(rig.StateFolder, s => s.ClockSource == ClockSource.Midi);
        Assert.Equal(125, saved.Bpm);
        Assert.Equal(1, saved.MidiChannel);
        Assert.Equal(ClockDisplay.MidiWaiting, rig.Reducer.ClockDisplay);
    }

    [Fact]
    public void MIDI_learn_binds_the_next_CC_to_the_parameter_touched_last_and_keeps_it()
    {
        using var rig = new ReducerRig();
        rig.Reducer.Handle(PedalEvent.Set(ParameterId.Speed, 300, PedalInput.Encoder));
        rig.Reducer.Handle(PedalEvent.ToggleLearn(PedalInput.Encoder));
        Assert.Equal(ParameterId.Speed, rig.Reducer.LearnTarget);
        rig.Midi(MidiMessageKind.ControlChange, 40, 10);
        rig.Run(10);
        Assert.Null(rig.Reducer.LearnTarget);
        Assert.Equal("CC 40 learnt", rig.Reducer.Notice);
        Assert.Equal(Midi.Mapping.CcBinding.ForParameter(ParameterId.Speed), Persisted.Eventually(rig.StateFolder, s => s.LearnedCcs.Count > 0).LearnedCcs[40]);
        rig.Midi(MidiMessageKind.ControlChange, 40, 127);
        rig.Run(10);
        Assert.Equal(ParameterTable.Get(ParameterId.Speed).Max, rig.Reducer.Current[ParameterId.Speed]);
    }

    [Fact]
    public void An_expression_calibration_is_kept()
    {
        using var rig = new ReducerRig();
        rig.Reducer.Handle(PedalEvent.Calibrated(new Hardware.Knobs.PedalCalibration(100, 900, Reversed: true), PedalInput.Expression));
        rig.Run(10);
        Assert.Equal(new Hardware.Knobs.PedalCalibration(100, 900, Reversed: true), Persisted.Eventually(rig.StateFolder, s => s.Expression is not null).Expression);
    }

    // One press of the action's input, then the ticks for its gesture to complete.
    private static void Perform(ReducerRig rig, ActionInput input)
    {
        switch (input)
        {
            case ActionInput.MidiCc:
                rig.Midi(MidiMessageKind.ControlChange, ReducerRig.ActionCc, 127);
                rig.Midi(MidiMessageKind.ControlChange, ReducerRig.ActionCc, 0);
                rig.Run(500);
                break;
            case ActionInput.FootswitchPress:
                rig.Sim.Press("A", TimeSpan.FromMilliseconds(100));
                rig.Run(500);
                break;
            case ActionInput.FootswitchLongPress:
                rig.Sim.Press("A", TimeSpan.FromMilliseconds(800));
                rig.Run(1000);
                break;
            case ActionInput.FootswitchDoublePress:
                rig.Sim.Press("A", TimeSpan.FromMilliseconds(60));
                rig.Run(150);
                rig.Sim.Press("A", TimeSpan.FromMilliseconds(60));
                rig.Run(350);
                break;
            case ActionInput.SimulatorKey:
                Assert.True(SimKeys.Apply(rig.Sim, 'a', out bool quit) && !quit);
                rig.Run(500);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(input));
        }
    }
}
