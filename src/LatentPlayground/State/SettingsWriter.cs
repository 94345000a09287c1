namespace LatentPlayground.State;

/// <summary>
/// Writes the pedal's settings on a thread of its own, so the control thread (which polls the switches and draws
/// the display) never waits on an SD card's fsync, which can take tens of milliseconds. A request carries the
/// whole, immutable settings; only the latest waiting one is written, and writes are at least
/// <see cref="MinInterval"/> apart, so a burst of recalls costs one write. Each write is atomic
/// (<see cref="PedalSettingsFile.Save"/>: temporary file, fsync, rename), so a power cut leaves the old settings
/// or the new ones. Thread: <see cref="Request"/>, <see cref="Flush"/>, <see cref="TakeProblem"/> and
/// <see cref="Dispose"/> from the control thread; the file I/O on the writer's thread, at normal priority.
/// </summary>
public sealed class SettingsWriter : IDisposable
{
    /// <summary>The shortest time between two writes of the file.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    private readonly string _folder;
    private readonly Action<string, PedalSettings> _save;
    private readonly object _gate = new();
    private readonly Thread _thread;
    private PedalSettings? _pending;
    private long _requested;
    private long _written;
    private bool _flushing;
    private bool _stopping;
    private string? _problem;

    /// <param name="folder">The state folder.</param>
    /// <param name="save">Writes one settings file (tests slow it down or make it fail); the real atomic save when null.</param>
    public SettingsWriter(string folder, Action<string, PedalSettings>? save = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        _folder = folder;
        _save = save ?? PedalSettingsFile.Save;
        _thread = new Thread(Run) { Name = "lp-settings-writer", IsBackground = true };
        _thread.Start();
    }

    /// <summary>Files written so far.</summary>
    public long Writes { get; private set; }

    /// <summary>Thread: control. Asks for <paramref name="settings"/> to be written; returns at once.</summary>
    public void Request(PedalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        lock (_gate)
        {
            _pending = settings;
            _requested++;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Thread: control. Waits until the latest request is on disk, skipping the interval (shutdown).</summary>
    public void Flush()
    {
        lock (_gate)
        {
            long target = _requested;
            _flushing = true;
            Monitor.PulseAll(_gate);
            while (_written < target && _thread.IsAlive)
            {
                _ = Monitor.Wait(_gate, 100);
            }

            _flushing = false;
        }
    }

    /// <summary>Thread: control. The last write's failure, once, for the log; null when none.</summary>
    public string? TakeProblem()
    {
        lock (_gate)
        {
            string? problem = _problem;
            _problem = null;
            return problem;
        }
    }

    /// <summary>Thread: control. Writes what is still waiting, then stops the writer.</summary>
    public void Dispose()
    {
        Flush();
        lock (_gate)
        {
            _stopping = true;
            Monitor.PulseAll(_gate);
        }

        _thread.Join();
    }

    private void Run()
    {
        while (true)
        {
            PedalSettings next;
            long sequence;
            lock (_gate)
            {
                while (_pending is null && !_stopping)
                {
                    _ = Monitor.Wait(_gate);
                }

                if (_pending is null)
                {
                    return;
                }

                next = _pending;
                sequence = _requested;
                _pending = null;
            }

            string? problem = null;
            try
            {
                _save(_folder, next);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problem = $"{Path.Combine(_folder, PedalSettingsFile.FileName)}: cannot save the settings: {e.Message}";
            }

            lock (_gate)
            {
                Writes++;
                _written = sequence;
                _problem = problem ?? _problem;
                Monitor.PulseAll(_gate);

                // Requests that come in the next second wait for it, and only the latest is written then; a flush
                // or the end cuts the wait short.
                // On the monotonic clock: a Pi has no RTC, and NTP setting the wall clock back would stall saves.
                long started = System.Diagnostics.Stopwatch.GetTimestamp();
                TimeSpan waited;
                while (!_flushing && !_stopping && (waited = System.Diagnostics.Stopwatch.GetElapsedTime(started)) < MinInterval)
                {
                    _ = Monitor.Wait(_gate, MinInterval - waited);
                }
            }
        }
    }
}
