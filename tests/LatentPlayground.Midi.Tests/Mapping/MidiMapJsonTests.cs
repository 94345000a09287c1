using LatentPlayground.Core.Parameters;
using LatentPlayground.Midi.Mapping;

namespace LatentPlayground.Midi.Tests.Mapping;

public sealed class MidiMapJsonTests
{
    [Fact]
    public void A_map_round_trips()
    {
        MidiMap map = MidiMap.CreateDefault();
        map.Channel = 4;
        map.Bind(80, CcBinding.ForAction("bypass"));
        map.Bind(81, CcBinding.ForAction("next-preset"));
        map.ArmLearn(ParameterId.Rate);
        map.TryHandle(Messages.ParserRun.Cc(4, 1, 10), out _);

        string json = MidiMapJson.Serialize(map);
        MidiMap back = MidiMapJson.Parse(json, "map.json");
        Assert.Equal(4, back.Channel);
        for (int cc = 0; cc <= MidiMap.MaxCc; cc++)
        {
            Assert.Equal(map.GetBinding(cc), back.GetBinding(cc));
        }

        Assert.Equal(json, MidiMapJson.Serialize(back));
        Assert.Contains("\"channel\": 5", json, StringComparison.Ordinal);
        Assert.Contains("\"1\": \"rate\"", json, StringComparison.Ordinal);
        Assert.Contains("\"80\": \"bypass\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Omni_is_written_as_a_word_and_a_short_file_gets_the_default_parameters()
    {
        Assert.Contains("\"channel\": \"omni\"", MidiMapJson.Serialize(MidiMap.CreateDefault()), StringComparison.Ordinal);

        int encodeCc = ParameterTable.Get(ParameterId.Encode).DefaultCc;
        MidiMap map = MidiMapJson.Parse($$"""{ "schema": 1, "actions": { "{{encodeCc}}": "bypass" } }""", "short.json");
        Assert.Equal(MidiMap.Omni, map.Channel);
        Assert.Equal(CcBinding.ForAction("bypass"), map.GetBinding(encodeCc));
        Assert.Equal(CcBinding.ForParameter(ParameterId.Decode), map.GetBinding(ParameterTable.Get(ParameterId.Decode).DefaultCc));
    }

    [Fact]
    public void An_empty_parameters_object_unbinds_every_parameter()
    {
        MidiMap map = MidiMapJson.Parse("""{ "schema": 1, "channel": 16, "parameters": {} }""", "empty.json");
        Assert.Equal(15, map.Channel);
        for (int cc = 0; cc <= MidiMap.MaxCc; cc++)
        {
            Assert.Equal(CcBinding.None, map.GetBinding(cc));
        }
    }

    [Theory]
    [InlineData("[1]", "m.json: (top level): must be a JSON object")]
    [InlineData("{ \"channel\": 1 }", "m.json: schema: is missing")]
    [InlineData("{ \"schema\": 2 }", "m.json: schema: 2 is newer than this firmware reads (1); update the pedal")]
    [InlineData("{ \"schema\": \"1\" }", "m.json: schema: must be a whole number from 1, not \"1\"")]
    [InlineData("{ \"schema\": 1, \"channel\": 0 }", "m.json: channel: must be \"omni\" or 1..16, not 0")]
    [InlineData("{ \"schema\": 1, \"channel\": \"all\" }", "m.json: channel: must be \"omni\" or 1..16, not \"all\"")]
    [InlineData("{ \"schema\": 1, \"cc\": {} }", "m.json: cc: is not a MIDI map field (schema, channel, parameters, actions)")]
    [InlineData("{ \"schema\": 1, \"parameters\": [] }", "m.json: parameters: must be an object of \"CC\": name")]
    [InlineData("{ \"schema\": 1, \"parameters\": { \"120\": \"speed\" } }", "m.json: parameters.120: '120' is not a CC number 0..119")]
    [InlineData("{ \"schema\": 1, \"parameters\": { \"+5\": \"speed\" } }", "m.json: parameters.+5: '+5' is not a CC number 0..119")]
    [InlineData("{ \"schema\": 1, \"parameters\": { \"5\": \"sped\" } }", "m.json: parameters.5: \"sped\" is not a parameter name (see 'latentplayground params')")]
    [InlineData("{ \"schema\": 1, \"parameters\": { \"5\": 3 } }", "m.json: parameters.5: 3 is not a parameter name (see 'latentplayground params')")]
    [InlineData("{ \"schema\": 1, \"parameters\": { \"5\": \"speed\", \"5\": \"scale\" } }", "m.json: parameters.5: CC 5 is already bound to speed")]
    [InlineData("{ \"schema\": 1, \"parameters\": { \"5\": \"speed\" }, \"actions\": { \"5\": \"bypass\" } }", "m.json: actions.5: CC 5 is already bound to speed")]
    [InlineData("{ \"schema\": 1, \"actions\": { \"70\": \"Bypass!\" } }", "m.json: actions.70: \"Bypass!\" is not an action name (1 to 32 lowercase letters, digits and '-', starting with a letter)")]
    public void Bad_files_name_the_field(string json, string message)
    {
        MidiMapFormatException e = Assert.Throws<MidiMapFormatException>(() => MidiMapJson.Parse(json, "m.json"));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Broken_json_says_where()
    {
        MidiMapFormatException e = Assert.Throws<MidiMapFormatException>(() => MidiMapJson.Parse("{\n \"schema\": 1,\n \"channel\": }", "m.json"));
        Assert.StartsWith("m.json: not valid JSON (line 3)", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
