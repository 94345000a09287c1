using LatentPlayground.Midi.Messages;

namespace LatentPlayground.Midi.Tests.Messages;

/// <summary>Feeds bytes through a parser and collects the messages.</summary>
internal static class ParserRun
{
    public static List<MidiMessage> Parse(params byte[] bytes) => Parse(new MidiParser(), bytes);

    public static List<MidiMessage> Parse(MidiParser parser, byte[] bytes)
    {
        var messages = new List<MidiMessage>();
        foreach (byte b in bytes)
        {
            if (parser.TryFeed(b, out MidiMessage m))
            {
                messages.Add(m);
            }
        }

        return messages;
    }

    public static MidiMessage Cc(int channel, int cc, int value) => new(MidiMessageKind.ControlChange, (byte)channel, (byte)cc, (byte)value);

    public static MidiMessage Pc(int channel, int program) => new(MidiMessageKind.ProgramChange, (byte)channel, (byte)program, 0);

    public static MidiMessage Rt(MidiMessageKind kind) => new(kind, 0, 0, 0);
}
