using LatentPlayground.Core.Realtime;
using LatentPlayground.Live;
using LatentPlayground.Midi.Input;

namespace LatentPlayground.Pedal;

/// <summary>
/// The pedal's MIDI inputs: each device on its own reader thread (reconnecting when a USB device comes back),
/// which timestamps messages and queues them as plain <see cref="MidiEvent"/>s through a single-producer
/// single-consumer queue; the control thread hands them to the reducer each tick. A device missing at start is
/// retried every second; audio does not wait for it.
/// Thread: <see cref="Start"/>, <see cref="DrainInto"/> and <see cref="Dispose"/> on the control thread (or the
/// thread that owns it before it starts); the readers' own threads only fill their queues.
/// </summary>
public sealed class MidiInputs : IDisposable
{
    /// <summary>Messages each input's queue holds between two ticks.</summary>
    public const int QueueCapacity = 1024;

    private readonly List<(MidiInputReader Reader, SpscQueue<MidiEvent> Queue)> _inputs = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _connectionNews = new();
    private readonly LiveLog _log;

    public MidiInputs(IReadOnlyList<string> paths, LiveLog log)
    {
        ArgumentNullException.ThrowIfNull(paths);
        _log = log;
        foreach (string path in paths)
        {
            var queue = new SpscQueue<MidiEvent>(QueueCapacity);
            var reader = new MidiInputReader(path, queue, change => _connectionNews.Enqueue(change.ToString()));
            _inputs.Add((reader, queue));
        }
    }

    public void Start()
    {
        foreach ((MidiInputReader reader, _) in _inputs)
        {
            reader.Start();
        }
    }

    /// <summary>Logs connection news and gives every message queued since the last tick to <paramref name="reducer"/>, in order per input.</summary>
    public void DrainInto(PedalReducer reducer)
    {
        ArgumentNullException.ThrowIfNull(reducer);
        while (_connectionNews.TryDequeue(out string? news))
        {
            _log.Notice(news);
        }

        foreach ((_, SpscQueue<MidiEvent> queue) in _inputs)
        {
            while (queue.TryDequeue(out MidiEvent e))
            {
                reducer.Receive(e);
            }
        }
    }

    public void Dispose()
    {
        foreach ((MidiInputReader reader, _) in _inputs)
        {
            reader.Dispose();
        }
    }
}
