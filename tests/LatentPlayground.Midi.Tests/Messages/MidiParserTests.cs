using LatentPlayground.Midi.Messages;
using static LatentPlayground.Midi.Tests.Messages.ParserRun;

namespace LatentPlayground.Midi.Tests.Messages;

public sealed class MidiParserTests
{
    [Fact]
    public void Channel_messages_of_every_kind_are_parsed()
    {
        List<MidiMessage> m = Parse(0x93, 60, 100, 0x83, 60, 10, 0xA1, 61, 5, 0xB2, 7, 99, 0xC4, 12, 0xD5, 33, 0xE6, 0x00, 0x40);
        Assert.Equal(
            [
                new MidiMessage(MidiMessageKind.NoteOn, 3, 60, 100),
                new MidiMessage(MidiMessageKind.NoteOff, 3, 60, 10),
                new MidiMessage(MidiMessageKind.PolyPressure, 1, 61, 5),
                Cc(2, 7, 99),
                Pc(4, 12),
                new MidiMessage(MidiMessageKind.ChannelPressure, 5, 33, 0),
                new MidiMessage(MidiMessageKind.PitchBend, 6, 0, 0x40),
            ],
            m);
        Assert.Equal(8192, m[^1].Value14);
    }

    [Fact]
    public void Note_on_with_velocity_zero_is_a_note_off()
    {
        Assert.Equal([new MidiMessage(MidiMessageKind.NoteOff, 0, 64, 0)], Parse(0x90, 64, 0));
    }

    [Fact]
    public void Running_status_repeats_the_last_channel_status()
    {
        Assert.Equal([Cc(0, 20, 1), Cc(0, 20, 2), Cc(0, 21, 3)], Parse(0xB0, 20, 1, 20, 2, 21, 3));
        Assert.Equal([Pc(9, 1), Pc(9, 2), Pc(9, 3)], Parse(0xC9, 1, 2, 3));
    }

    [Fact]
    public void Real_time_bytes_inside_a_message_come_out_at_once_and_leave_the_message_whole()
    {
        List<MidiMessage> m = Parse(0xB0, 0xF8, 20, 0xFA, 0xFE, 64, 0xFB, 21, 0xFC, 0xFF, 65);
        Assert.Equal(
            [
                Rt(MidiMessageKind.Clock), Rt(MidiMessageKind.Start), Rt(MidiMessageKind.ActiveSensing), Cc(0, 20, 64),
                Rt(MidiMessageKind.Continue), Rt(MidiMessageKind.Stop), Rt(MidiMessageKind.Reset), Cc(0, 21, 65),
            ],
            m);
    }

    [Fact]
    public void Real_time_bytes_inside_a_song_position_pointer_leave_it_whole()
    {
        List<MidiMessage> m = Parse(0xF2, 0xF8, 0x10, 0xF8, 0x01);
        Assert.Equal(MidiMessageKind.SongPosition, m[^1].Kind);
        Assert.Equal(0x10 + (0x01 << 7), m[^1].Value14);
        Assert.Equal(3, m.Count);
    }

    [Fact]
    public void Undefined_real_time_bytes_are_dropped_without_harm()
    {
        Assert.Equal([Cc(1, 2, 3)], Parse(0xB1, 0xF9, 2, 0xFD, 3));
    }

    [Fact]
    public void SysEx_is_skipped_and_real_time_inside_it_still_comes_out()
    {
        List<MidiMessage> m = Parse(0xF0, 0x7E, 0x7F, 0xF8, 0x06, 0x01, 0xF7, 0xB0, 1, 2);
        Assert.Equal([Rt(MidiMessageKind.Clock), Cc(0, 1, 2)], m);
    }

    [Fact]
    public void SysEx_cut_short_by_a_status_byte_ends_there()
    {
        // No F7: the CC status ends the SysEx and its message is parsed.
        Assert.Equal([Cc(5, 7, 100)], Parse(0xF0, 0x41, 0x10, 0x42, 0xB5, 7, 100));
        Assert.Equal([Pc(0, 3)], Parse(0xF0, 0x41, 0x10, 0xF2, 0xC0, 3));
    }

    [Fact]
    public void SysEx_cancels_running_status()
    {
        // Data bytes after the F7 belong to no status.
        Assert.Equal([Cc(0, 1, 2)], Parse(0xB0, 1, 2, 0xF0, 0x01, 0xF7, 3, 4));
    }

    [Fact]
    public void Stray_data_bytes_and_undefined_status_bytes_are_ignored()
    {
        Assert.Equal([Cc(0, 1, 2)], Parse(5, 6, 7, 0xF4, 8, 9, 0xF5, 10, 0xF7, 11, 0xB0, 1, 2));
    }

    [Fact]
    public void A_status_byte_abandons_a_half_message()
    {
        Assert.Equal([Pc(0, 9)], Parse(0xB0, 20, 0xC0, 9));
    }

    [Fact]
    public void System_common_messages_are_parsed_and_do_not_run()
    {
        List<MidiMessage> m = Parse(0xF2, 0x00, 0x02, 0x05, 0x06, 0xF3, 4, 5, 0xF1, 0x23, 0xF6);
        Assert.Equal(
            [
                new MidiMessage(MidiMessageKind.SongPosition, 0, 0, 2),
                new MidiMessage(MidiMessageKind.SongSelect, 0, 4, 0),
                new MidiMessage(MidiMessageKind.TimeCodeQuarterFrame, 0, 0x23, 0),
                new MidiMessage(MidiMessageKind.TuneRequest, 0, 0, 0),
            ],
            m);
        Assert.Equal(256, m[0].Value14);
    }

    [Fact]
    public void Reset_forgets_running_status_and_half_messages()
    {
        var parser = new MidiParser();
        Parse(parser, [0xB0, 1, 2, 3]);
        parser.Reset();
        Assert.Empty(Parse(parser, [4, 5, 6]));
    }

    [Fact]
    public void Feeding_bytes_allocates_nothing()
    {
        var parser = new MidiParser();
        var random = new Random(11);
        byte[] bytes = new byte[20_000];
        random.NextBytes(bytes);
        Parse(parser, bytes); // warm up: JIT, static data

        long before = GC.GetAllocatedBytesForCurrentThread();
        int count = 0;
        foreach (byte b in bytes)
        {
            if (parser.TryFeed(b, out _))
            {
                count++;
            }
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.True(count > 0);
    }
}
