using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Midi.Mapping;
using LatentPlayground.Midi.Messages;
using static LatentPlayground.Midi.Tests.Messages.ParserRun;

namespace LatentPlayground.Midi.Tests.Mapping;

public sealed class MidiMapTests
{
    [Fact]
    public void The_default_map_binds_every_parameter_to_its_default_cc()
    {
        MidiMap map = MidiMap.CreateDefault();
        Assert.Equal(MidiMap.Omni, map.Channel);
        foreach (ParameterDescriptor d in ParameterTable.All)
        {
            Assert.Equal(CcBinding.ForParameter(d.Id), map.GetBinding(d.DefaultCc));
            Assert.Equal(d.DefaultCc, map.FindCc(d.Id));
        }
    }

    [Fact]
    public void A_cc_maps_its_value_through_the_parameters_taper()
    {
        MidiMap map = MidiMap.CreateDefault();
        ParameterDescriptor rate = ParameterTable.Get(ParameterId.Rate);
        ParameterDescriptor speed = ParameterTable.Get(ParameterId.Speed);
        ParameterDescriptor basis = ParameterTable.Get(ParameterId.Basis);

        Assert.Equal(new ParameterChange(ParameterId.Speed, 0), Change(map, speed.DefaultCc, 0));
        Assert.Equal(new ParameterChange(ParameterId.Speed, 1000), Change(map, speed.DefaultCc, 127));
        Assert.Equal(speed.FromNormalized(64 / 127.0), Change(map, speed.DefaultCc, 64).Value);
        Assert.Equal(rate.FromNormalized(100 / 127.0), Change(map, rate.DefaultCc, 100).Value);
        Assert.Equal(5, Change(map, basis.DefaultCc, 127).Value); // fractal, the last choice
        Assert.Equal(0, Change(map, basis.DefaultCc, 0).Value);
    }

    [Fact]
    public void Toggles_are_on_from_64()
    {
        MidiMap map = MidiMap.CreateDefault();
        int cc = ParameterTable.Get(ParameterId.Bypass).DefaultCc;
        Assert.Equal(0, Change(map, cc, 63).Value);
        Assert.Equal(1, Change(map, cc, 64).Value);
        Assert.Equal(1, Change(map, cc, 127).Value);
        Assert.Equal(0, Change(map, cc, 0).Value);
    }

    [Fact]
    public void Actions_fire_once_per_rise_through_64()
    {
        MidiMap map = MidiMap.CreateDefault();
        int trigger = ParameterTable.Get(ParameterId.Trigger).DefaultCc;
        map.Bind(80, CcBinding.ForAction("next-preset"));

        Assert.Equal(new ParameterChange(ParameterId.Trigger, 1), Change(map, trigger, 127));
        Assert.False(map.TryHandle(Cc(0, trigger, 127), out _));
        Assert.False(map.TryHandle(Cc(0, trigger, 100), out _));
        Assert.False(map.TryHandle(Cc(0, trigger, 0), out _));
        Assert.True(map.TryHandle(Cc(0, trigger, 64), out _));

        Assert.True(map.TryHandle(Cc(0, 80, 127), out MidiMapEvent e));
        Assert.Equal(MidiMapEventKind.Action, e.Kind);
        Assert.Equal("next-preset", e.Action);
        Assert.Equal(80, e.Number);
        Assert.False(map.TryHandle(Cc(0, 80, 127), out _));
        Assert.False(map.TryHandle(Cc(0, 80, 10), out _));
        Assert.True(map.TryHandle(Cc(0, 80, 90), out _));
    }

    [Fact]
    public void Program_change_recalls_a_preset_on_the_receive_channel_only()
    {
        var map = new MidiMap { Channel = 2 };
        Assert.False(map.TryHandle(Pc(0, 5), out _));
        Assert.True(map.TryHandle(Pc(2, 5), out MidiMapEvent e));
        Assert.Equal(new MidiMapEvent(MidiMapEventKind.Preset, default, null, 5, default), e);

        map.Channel = MidiMap.Omni;
        Assert.True(map.TryHandle(Pc(15, 127), out e));
        Assert.Equal(127, e.Number);
    }

    [Fact]
    public void The_receive_channel_filters_control_changes_too()
    {
        MidiMap map = MidiMap.CreateDefault();
        map.Channel = 9;
        int cc = ParameterTable.Get(ParameterId.DryWet).DefaultCc;
        Assert.False(map.TryHandle(Cc(0, cc, 10), out _));
        Assert.True(map.TryHandle(Cc(9, cc, 10), out _));
    }

    [Fact]
    public void Unbound_and_channel_mode_ccs_and_other_messages_do_nothing()
    {
        MidiMap map = MidiMap.CreateDefault();
        Assert.False(map.TryHandle(Cc(0, 1, 64), out _)); // mod wheel: not in the default map
        Assert.False(map.TryHandle(Cc(0, 123, 0), out _)); // all notes off
        Assert.False(map.TryHandle(new MidiMessage(MidiMessageKind.NoteOn, 0, 60, 100), out _));
        Assert.False(map.TryHandle(Rt(MidiMessageKind.Clock), out _));
    }

    [Fact]
    public void Learn_binds_the_next_cc_replacing_its_binding_and_moving_the_parameter()
    {
        MidiMap map = MidiMap.CreateDefault();
        int speedCc = ParameterTable.Get(ParameterId.Speed).DefaultCc;
        int scaleCc = ParameterTable.Get(ParameterId.Scale).DefaultCc;

        map.ArmLearn(ParameterId.Speed);
        Assert.True(map.IsLearning);
        Assert.True(map.TryHandle(Cc(3, scaleCc, 50), out MidiMapEvent e));
        Assert.Equal(MidiMapEventKind.Learned, e.Kind);
        Assert.Equal(scaleCc, e.Number);
        Assert.Equal(CcBinding.ForParameter(ParameterId.Speed), e.Learned);
        Assert.False(map.IsLearning);

        Assert.Equal(CcBinding.ForParameter(ParameterId.Speed), map.GetBinding(scaleCc));
        Assert.Equal(CcBinding.None, map.GetBinding(speedCc));
        Assert.Equal(scaleCc, map.FindCc(ParameterId.Speed));
        Assert.Equal(-1, map.FindCc(ParameterId.Scale));
        Assert.Equal(ParameterId.Speed, Change(map, scaleCc, 127).Id);
    }

    [Fact]
    public void Learn_works_for_actions_and_can_be_cancelled()
    {
        var map = new MidiMap();
        map.ArmLearn("bypass");
        Assert.True(map.TryHandle(Cc(0, 64, 0), out MidiMapEvent e));
        Assert.Equal(CcBinding.ForAction("bypass"), e.Learned);
        Assert.True(map.TryHandle(Cc(0, 64, 127), out e));
        Assert.Equal("bypass", e.Action);

        map.ArmLearn(ParameterId.Trigger);
        map.CancelLearn();
        Assert.False(map.IsLearning);
        Assert.False(map.TryHandle(Cc(0, 70, 127), out _));
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        var map = new MidiMap();
        Assert.Throws<ArgumentOutOfRangeException>(() => map.Channel = 16);
        Assert.Throws<ArgumentOutOfRangeException>(() => map.Bind(120, CcBinding.None));
        Assert.Throws<ArgumentOutOfRangeException>(() => map.GetBinding(-1));
        Assert.Throws<ArgumentException>(() => CcBinding.ForAction("Next Preset"));
        Assert.Throws<ArgumentOutOfRangeException>(() => map.ArmLearn((ParameterId)999));
    }

    [Fact]
    public void Handling_messages_allocates_nothing()
    {
        MidiMap map = MidiMap.CreateDefault();
        map.Bind(80, CcBinding.ForAction("bypass"));
        map.TryHandle(Cc(0, 80, 0), out _);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            map.TryHandle(Cc(0, i % 120, i % 128), out _);
            map.TryHandle(Pc(0, i % 128), out _);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    private static ParameterChange Change(MidiMap map, int cc, int value)
    {
        Assert.True(map.TryHandle(Cc(0, cc, value), out MidiMapEvent e));
        Assert.Equal(MidiMapEventKind.Parameter, e.Kind);
        return e.Change;
    }
}
