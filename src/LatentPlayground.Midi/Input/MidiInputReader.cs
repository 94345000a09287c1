using System.Runtime.InteropServices;
using LatentPlayground.Core.Realtime;
using LatentPlayground.Midi.Messages;
using LatentPlayground.Midi.Native;

namespace LatentPlayground.Midi.Input;

/// <summary>
/// Reads one MIDI input device on its own thread: an ALSA raw MIDI file (/dev/snd/midiC*D*), a UART or USB
/// serial tty (set to raw 31250 baud), or a FIFO. Each parsed message is stamped with its arrival time and
/// queued for the control thread. A device may vanish at any moment (a USB cable pulled: read fails with
/// ENODEV, or the stream ends): the reader closes it, reports the disconnect, and tries to open it again
/// every <see cref="RetryInterval"/> until it is back. Nothing it meets is thrown out of its thread.
/// <para>The device is opened non-blocking and waited on with poll, so <see cref="Dispose"/> stops the
/// thread within a fraction of a second even when no byte ever comes.</para>
/// An end of stream counts as the device going away: a raw MIDI device or a tty never ends while present,
/// and a FIFO ends when its writer closes.
/// </summary>
public sealed class MidiInputReader : IDisposable
{
    /// <summary>MIDI's serial rate.</summary>
    public const uint MidiBaud = 31250;

    /// <summary>Bytes taken per read: at 31250 baud that is 80 ms of MIDI, far more than arrives between polls.</summary>
    public const int ReadBufferSize = 256;

    private const int PollMilliseconds = 100;

    private readonly SpscQueue<MidiEvent> _output;
    private readonly Action<MidiConnectionChange>? _onConnectionChange;
    private readonly IMonotonicClock _clock;
    private readonly MidiParser _parser = new();
    private readonly ManualResetEventSlim _stop = new(false);
    private readonly Thread _thread;
    private long _dropped;
    private long _bytesRead;
    private long _callbackFailures;
    private volatile bool _connected;
    private int _started;
    private int _disposed;

    /// <summary>Prepares a reader; nothing is opened until <see cref="Start"/>. Thread: the owner.</summary>
    /// <param name="path">The device file.</param>
    /// <param name="output">Where messages go; this reader's thread is its only producer.</param>
    /// <param name="onConnectionChange">Called on the reader's thread when the device comes or goes.</param>
    /// <param name="clock">Arrival time stamps; <see cref="StopwatchClock"/> when null.</param>
    /// <param name="retryInterval">How often to try a missing device again; one second when null.</param>
    public MidiInputReader(string path, SpscQueue<MidiEvent> output, Action<MidiConnectionChange>? onConnectionChange = null,
        IMonotonicClock? clock = null, TimeSpan? retryInterval = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(output);
        Path = path;
        _output = output;
        _onConnectionChange = onConnectionChange;
        _clock = clock ?? StopwatchClock.Instance;
        RetryInterval = retryInterval ?? TimeSpan.FromSeconds(1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RetryInterval, TimeSpan.Zero, nameof(retryInterval));
        _thread = new Thread(Run) { IsBackground = true, Name = "midi-in " + path };
    }

    /// <summary>The device file. Thread: any.</summary>
    public string Path { get; }

    /// <summary>Time between attempts to open a missing device. Thread: any.</summary>
    public TimeSpan RetryInterval { get; }

    /// <summary>True while the device is open. Thread: any.</summary>
    public bool IsConnected => _connected;

    /// <summary>Messages lost because the queue was full (the control thread fell behind). Thread: any.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Bytes read from the device in all. Thread: any.</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <summary>Times the connection callback threw; its exceptions are swallowed so MIDI input keeps running on stage. Thread: any.</summary>
    public long CallbackFailures => Interlocked.Read(ref _callbackFailures);

    /// <summary>Starts the reader's thread. Thread: the owner (once).</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("the reader is already started");
        }

        _thread.Start();
    }

    /// <summary>Stops the thread (within about 0.1 s) and closes the device; later calls do nothing. Thread: the owner.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stop.Set();
        if (Volatile.Read(ref _started) != 0)
        {
            _thread.Join();
        }

        _stop.Dispose();
    }

    // Thread: the reader's.
    private void Run()
    {
        byte[] buffer = new byte[ReadBufferSize];
        bool announcedAbsent = false;
        while (!_stop.IsSet)
        {
            int fd = OpenDevice(out string reason);
            if (fd < 0)
            {
                // Said once per absence, not once per retry, so a missing device does not flood the log.
                if (!announcedAbsent)
                {
                    Report(false, reason);
                    announcedAbsent = true;
                }

                _stop.Wait(RetryInterval);
                continue;
            }

            _parser.Reset();
            Report(true, reason);
            string why = Pump(fd, buffer);
            _ = LibC.Close(fd);
            Report(false, why);
            announcedAbsent = true;
            _stop.Wait(RetryInterval);
        }
    }

    // Thread: the reader's. Returns the descriptor, or -1 with the reason.
    private int OpenDevice(out string reason)
    {
        int fd = LibC.Open(Path, LibC.ORdOnly | LibC.ONonBlock | LibC.ONoCtty | LibC.OCloExec);
        if (fd < 0)
        {
            reason = LibC.Describe(Marshal.GetLastPInvokeError());
            return -1;
        }

        if (!SerialLine.IsTerminal(fd))
        {
            reason = "connected";
            return fd;
        }

        int error = SerialLine.ConfigureRaw(fd, MidiBaud);
        if (error != 0)
        {
            _ = LibC.Close(fd);
            reason = $"cannot set {MidiBaud} baud: {LibC.Describe(error)}";
            return -1;
        }

        reason = $"serial {MidiBaud} baud";
        return fd;
    }

    // Thread: the reader's. Reads until the device goes away or the reader stops; returns why it ended.
    private unsafe string Pump(int fd, byte[] buffer)
    {
        var poll = new LibC.PollFd { Fd = fd, Events = LibC.PollIn };
        fixed (byte* bytes = buffer)
        {
            while (!_stop.IsSet)
            {
                poll.Revents = 0;
                int ready = LibC.Poll(&poll, 1, PollMilliseconds);
                if (ready < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno == LibC.EIntr)
                    {
                        continue;
                    }

                    return LibC.Describe(errno);
                }

                if (ready == 0)
                {
                    continue;
                }

                // Data first: a writer that sent bytes and hung up leaves both flags, and the bytes count.
                if ((poll.Revents & LibC.PollIn) != 0)
                {
                    nint n = LibC.Read(fd, bytes, (nuint)buffer.Length);
                    if (n > 0)
                    {
                        Deliver(buffer.AsSpan(0, (int)n), _clock.Seconds);
                        continue;
                    }

                    if (n == 0)
                    {
                        return "end of stream";
                    }

                    int errno = Marshal.GetLastPInvokeError();
                    if (errno is LibC.EAgain or LibC.EIntr)
                    {
                        continue;
                    }

                    return LibC.Describe(errno);
                }

                if ((poll.Revents & (LibC.PollErr | LibC.PollHup | LibC.PollNval)) != 0)
                {
                    return "device hung up";
                }
            }
        }

        return "stopped";
    }

    // Thread: the reader's. Every byte of one read shares its arrival time: the bytes came together.
    private void Deliver(ReadOnlySpan<byte> bytes, double time)
    {
        Interlocked.Add(ref _bytesRead, bytes.Length);
        foreach (byte b in bytes)
        {
            if (_parser.TryFeed(b, out MidiMessage message) && !_output.TryEnqueue(new MidiEvent(message, time)))
            {
                Interlocked.Increment(ref _dropped);
            }
        }
    }

    // Thread: the reader's.
    private void Report(bool connected, string reason)
    {
        _connected = connected;
        if (_onConnectionChange is null)
        {
            return;
        }

        try
        {
            _onConnectionChange(new MidiConnectionChange(Path, connected, reason));
        }
#pragma warning disable CA1031 // A faulty listener must not end MIDI input on stage; the count makes it visible.
        catch (Exception)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _callbackFailures);
        }
    }
}
