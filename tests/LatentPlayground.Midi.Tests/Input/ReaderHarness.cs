using System.Collections.Concurrent;
using LatentPlayground.Core.Realtime;
using LatentPlayground.Midi.Input;

namespace LatentPlayground.Midi.Tests.Input;

/// <summary>A reader on a path with a fast retry, a fake clock, and collected events and connection changes.</summary>
internal sealed class ReaderHarness : IDisposable
{
    public ReaderHarness(string path, TimeSpan? retry = null)
    {
        Reader = new MidiInputReader(path, Queue, Changes.Enqueue, Clock, retry ?? TimeSpan.FromMilliseconds(50));
    }

    public SpscQueue<MidiEvent> Queue { get; } = new(1024);

    public ConcurrentQueue<MidiConnectionChange> Changes { get; } = new();

    public FakeClock Clock { get; } = new();

    public MidiInputReader Reader { get; }

    public List<MidiEvent> Events { get; } = [];

    /// <summary>Waits until <paramref name="count"/> events have arrived in all, draining the queue as the control thread would.</summary>
    public void WaitForEvents(int count)
    {
        WaitUntil(() =>
        {
            while (Queue.TryDequeue(out MidiEvent e))
            {
                Events.Add(e);
            }

            return Events.Count >= count;
        }, $"{count} MIDI events (got {Events.Count})");
    }

    public void WaitForChanges(int count) => WaitUntil(() => Changes.Count >= count, $"{count} connection changes (got {Changes.Count})");

    public static void WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("timed out waiting for " + what);
            }

            Thread.Sleep(5);
        }
    }

    public void Dispose() => Reader.Dispose();
}
