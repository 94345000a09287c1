using LatentPlayground.Midi.Input;
using LatentPlayground.Midi.Messages;
using LatentPlayground.Midi.Native;
using LatentPlayground.Midi.Tests.Messages;

namespace LatentPlayground.Midi.Tests.Input;

public sealed class MidiInputReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lp-midi-in-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Reads_a_fifo_stamps_with_the_injected_clock_and_survives_the_device_going_and_coming_back()
    {
        string path = Path.Combine(_folder, "midiC1D0");
        Posix.MakeFifo(path);
        using var h = new ReaderHarness(path);
        h.Clock.Seconds = 42.5;
        h.Reader.Start();
        h.WaitForChanges(1);
        Assert.Equal(new MidiConnectionChange(path, true, "connected"), Changes(h)[0]);
        Assert.True(h.Reader.IsConnected);

        using (FileStream writer = OpenWriter(path))
        {
            writer.Write([0xB0, 0x14, 0xF8, 0x40, 0xF8, 0x90, 0x3C, 0x64]);
            writer.Flush();
            h.WaitForEvents(4);

            // Unplugged: the node disappears, then the stream ends.
            File.Delete(path);
        }

        Assert.Equal(
            [
                new MidiEvent(ParserRun.Rt(MidiMessageKind.Clock), 42.5),
                new MidiEvent(ParserRun.Cc(0, 0x14, 0x40), 42.5),
                new MidiEvent(ParserRun.Rt(MidiMessageKind.Clock), 42.5),
                new MidiEvent(new MidiMessage(MidiMessageKind.NoteOn, 0, 0x3C, 0x64), 42.5),
            ],
            h.Events);

        h.WaitForChanges(2);
        Assert.False(Changes(h)[1].Connected); // a FIFO's end shows as a hang-up or an end of stream
        Assert.NotEmpty(Changes(h)[1].Reason);

        // Retries fail quietly while the device is away: one report of the disconnect, not one per retry.
        Thread.Sleep(300);
        Assert.Equal(2, h.Changes.Count);
        Assert.False(h.Reader.IsConnected);

        // Plugged in again: reconnects by itself, and the parser starts clean (no running status from before).
        Posix.MakeFifo(path);
        h.WaitForChanges(3);
        Assert.True(Changes(h)[2].Connected);
        h.Clock.Seconds = 50.25;
        using (FileStream writer = OpenWriter(path))
        {
            writer.Write([0x20, 0x30, 0xC3, 0x07]);
            writer.Flush();
            h.WaitForEvents(5);
        }

        Assert.Equal(new MidiEvent(ParserRun.Pc(3, 7), 50.25), h.Events[4]);
        Assert.Equal(12, h.Reader.BytesRead);
        Assert.Equal(0, h.Reader.Dropped);
    }

    [Fact]
    public void A_device_missing_at_start_is_reported_once_and_picked_up_when_it_appears()
    {
        string path = Path.Combine(_folder, "late");
        using var h = new ReaderHarness(path);
        h.Reader.Start();
        h.WaitForChanges(1);
        MidiConnectionChange first = Changes(h)[0];
        Assert.False(first.Connected);
        Assert.Contains("No such file", first.Reason, StringComparison.Ordinal);

        Thread.Sleep(200);
        Assert.Single(h.Changes);
        Posix.MakeFifo(path);
        h.WaitForChanges(2);
        Assert.True(h.Reader.IsConnected);
    }

    [Fact]
    public void The_default_retry_is_one_second_and_dispose_reports_the_close()
    {
        string path = Path.Combine(_folder, "fifo");
        Posix.MakeFifo(path);
        var changes = new System.Collections.Concurrent.ConcurrentQueue<MidiConnectionChange>();
        var reader = new MidiInputReader(path, new Core.Realtime.SpscQueue<MidiEvent>(16), changes.Enqueue);
        Assert.Equal(TimeSpan.FromSeconds(1), reader.RetryInterval);
        reader.Start();
        ReaderHarness.WaitUntil(() => reader.IsConnected, "connect");
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        reader.Dispose();
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"dispose took {stopwatch.Elapsed}");
        Assert.Equal(new MidiConnectionChange(path, false, "stopped"), changes.ToArray()[^1]);
        reader.Dispose();
        Assert.Throws<ObjectDisposedException>(reader.Start);
    }

    [Fact]
    public void A_throwing_listener_and_a_full_queue_do_not_stop_the_reader()
    {
        string path = Path.Combine(_folder, "fifo");
        Posix.MakeFifo(path);
        var queue = new Core.Realtime.SpscQueue<MidiEvent>(4);
        using var reader = new MidiInputReader(path, queue, _ => throw new InvalidOperationException("listener bug"), retryInterval: TimeSpan.FromMilliseconds(20));
        reader.Start();
        ReaderHarness.WaitUntil(() => reader.IsConnected, "connect");
        using (FileStream writer = OpenWriter(path))
        {
            writer.Write(Enumerable.Repeat((byte)0xF8, 10).ToArray());
            writer.Flush();
            ReaderHarness.WaitUntil(() => reader.Dropped == 6, "6 of 10 clocks dropped by the 4-slot queue");
        }

        Assert.Equal(10, reader.BytesRead);
        Assert.Equal(4, queue.Count);
        ReaderHarness.WaitUntil(() => reader.CallbackFailures >= 2, "the disconnect to be reported");
    }

    [Fact]
    public void A_serial_tty_is_set_to_raw_31250_baud_and_a_hang_up_is_a_disconnect()
    {
        (int master, string slave) = Posix.OpenPty();
        try
        {
            using var h = new ReaderHarness(slave);
            h.Reader.Start();
            h.WaitForChanges(1);
            Assert.Equal(new MidiConnectionChange(slave, true, "serial 31250 baud"), Changes(h)[0]);

            int probe = Posix.OpenReadOnly(slave);
            Assert.True(probe >= 0);
            Assert.True(SerialLine.TryGetSpeed(probe, out uint baud, out bool custom));
            Posix.Close(probe);
            Assert.Equal(31250u, baud);
            Assert.True(custom);

            // 0x0D (CR) and 0x11/0x13 (XON/XOFF) are plain data in raw mode.
            Posix.WriteAll(master, [0xB0, 0x0D, 0x11, 0x13, 0x0A, 0xF8]);
            h.WaitForEvents(3);
            Assert.Equal(
                [ParserRun.Cc(0, 0x0D, 0x11), ParserRun.Cc(0, 0x13, 0x0A), ParserRun.Rt(MidiMessageKind.Clock)],
                h.Events.Select(e => e.Message));
        }
        finally
        {
            Posix.Close(master);
        }
    }

    [Fact]
    public void The_pty_hang_up_is_reported_as_a_disconnect()
    {
        (int master, string slave) = Posix.OpenPty();
        using var h = new ReaderHarness(slave, TimeSpan.FromSeconds(5));
        h.Reader.Start();
        h.WaitForChanges(1);
        Posix.Close(master);
        h.WaitForChanges(2);
        Assert.False(Changes(h)[1].Connected);
        Assert.False(h.Reader.IsConnected);
    }

    [Fact]
    public void Termios2_has_the_kernels_layout()
    {
        unsafe
        {
            Assert.Equal(44, sizeof(Termios2));
        }
    }

    [Fact]
    public void Raw_midi_devices_are_listed_by_name()
    {
        string snd = Path.Combine(_folder, "snd");
        Directory.CreateDirectory(snd);
        foreach (string name in new[] { "midiC2D0", "pcmC0D0p", "midiC1D0", "controlC0" })
        {
            File.WriteAllText(Path.Combine(snd, name), "");
        }

        Assert.Equal([Path.Combine(snd, "midiC1D0"), Path.Combine(snd, "midiC2D0")], MidiPorts.FindRawMidiDevices(snd));
        Assert.Empty(MidiPorts.FindRawMidiDevices(Path.Combine(_folder, "none")));
    }

    private static MidiConnectionChange[] Changes(ReaderHarness h) => h.Changes.ToArray();

    private static FileStream OpenWriter(string path) => new(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
}
