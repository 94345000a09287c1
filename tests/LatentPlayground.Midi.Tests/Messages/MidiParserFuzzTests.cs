using LatentPlayground.Midi.Messages;

namespace LatentPlayground.Midi.Tests.Messages;

public sealed class MidiParserFuzzTests
{
    [Fact]
    public void A_hundred_thousand_random_bytes_never_throw_and_give_only_well_formed_messages()
    {
        var random = new Random(20240607);
        byte[] bytes = new byte[100_000];
        random.NextBytes(bytes);
        var parser = new MidiParser();
        int messages = 0;
        foreach (byte b in bytes)
        {
            if (!parser.TryFeed(b, out MidiMessage m))
            {
                continue;
            }

            messages++;
            Assert.NotEqual(MidiMessageKind.None, m.Kind);
            Assert.InRange(m.Channel, 0, 15);
            Assert.InRange(m.Data1, 0, 127);
            Assert.InRange(m.Data2, 0, 127);
        }

        // Half the bytes are status bytes, so most messages are cut short; real-time ones always complete.
        Assert.InRange(messages, 1_000, 100_000);
    }

    [Fact]
    public void Messages_between_stretches_of_garbage_are_all_found()
    {
        // Each embedded message starts with its status byte, so whatever the garbage left half done (an open
        // SysEx, a pending status), the message must come out intact. Real-time bytes are also sprinkled
        // inside the embedded messages.
        var random = new Random(77);
        var stream = new List<byte>();
        var expected = new List<MidiMessage>();
        for (int i = 0; i < 2_000; i++)
        {
            byte[] garbage = new byte[random.Next(0, 60)];
            random.NextBytes(garbage);
            stream.AddRange(garbage);

            MidiMessage m = (i % 4) switch
            {
                0 => new MidiMessage(MidiMessageKind.ControlChange, (byte)random.Next(16), (byte)random.Next(128), (byte)random.Next(128)),
                1 => new MidiMessage(MidiMessageKind.ProgramChange, (byte)random.Next(16), (byte)random.Next(128), 0),
                2 => new MidiMessage(MidiMessageKind.SongPosition, 0, (byte)random.Next(128), (byte)random.Next(128)),
                _ => new MidiMessage(MidiMessageKind.NoteOn, (byte)random.Next(16), (byte)random.Next(128), (byte)random.Next(1, 128)),
            };
            expected.Add(m);
            foreach (byte b in Encode(m))
            {
                stream.Add(b);
                if (random.Next(4) == 0)
                {
                    stream.Add(0xF8);
                }
            }
        }

        List<MidiMessage> found = ParserRun.Parse([.. stream]);

        // The embedded messages must appear, in order, among everything the garbage also produced.
        int next = 0;
        foreach (MidiMessage m in found)
        {
            if (next < expected.Count && m == expected[next])
            {
                next++;
            }
        }

        Assert.Equal(expected.Count, next);
    }

    private static byte[] Encode(MidiMessage m) => m.Kind switch
    {
        MidiMessageKind.ControlChange => [(byte)(0xB0 | m.Channel), m.Data1, m.Data2],
        MidiMessageKind.ProgramChange => [(byte)(0xC0 | m.Channel), m.Data1],
        MidiMessageKind.SongPosition => [0xF2, m.Data1, m.Data2],
        _ => [(byte)(0x90 | m.Channel), m.Data1, m.Data2],
    };
}
