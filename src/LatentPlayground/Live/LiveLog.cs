namespace LatentPlayground.Live;

/// <summary>
/// The run's log: one plain line per event on standard error. Under systemd, with standard error going to
/// the journal, each line starts with its syslog priority (&lt;3&gt; error, &lt;4&gt; warning,
/// &lt;5&gt; notice, &lt;6&gt; info), which journald strips and stores as the entry's priority (sd-daemon(3));
/// elsewhere warnings and errors say so in words. A line never spans two: journald would split it.
/// Thread: any but the real-time threads, which never log: the control thread, the main thread's watch, the
/// model loader and the writer report here, so a line is written whole under a lock. Like lines beyond a few per ten seconds are counted, not printed (<see cref="LogThrottle"/>).
/// </summary>
/// <param name="seconds">A monotonic clock in seconds for the throttle; the stopwatch when null.</param>
public sealed class LiveLog(TextWriter writer, bool journal, Func<double>? seconds = null)
{
    private readonly Lock _gate = new();
    private readonly LogThrottle _throttle = new(seconds ?? (() => System.Diagnostics.Stopwatch.GetTimestamp() / (double)System.Diagnostics.Stopwatch.Frequency));

    /// <summary>True when lines carry journald priority prefixes.</summary>
    public bool Journal { get; } = journal;

    /// <summary>A log on standard error, with priorities when it is the journal.</summary>
    public static LiveLog ForStandardError(TextWriter stderr) => new(stderr, JournalStream.IsStandardError());

    public void Error(string message) => Write(3, message);

    public void Warning(string message) => Write(4, message);

    public void Notice(string message) => Write(5, message);

    public void Info(string message) => Write(6, message);

    /// <summary>Prints the count of lines left out for each kind whose window is over; the control loop calls it each tick.</summary>
    /// <param name="all">At the end of a run: every kind's count, window over or not.</param>
    public void FlushSuppressed(bool all = false)
    {
        lock (_gate)
        {
            FlushSuppressedLocked(all);
        }
    }

    private void FlushSuppressedLocked(bool all)
    {
        foreach ((int priority, string line) in _throttle.TakeSummaries(all))
        {
            WriteLine(priority, line);
        }
    }

    private void Write(int priority, string message)
    {
        lock (_gate)
        {
            FlushSuppressedLocked(all: false);
            if (_throttle.Allow(priority, message))
            {
                WriteLine(priority, message);
            }
        }
    }

    private void WriteLine(int priority, string message)
    {
        string line = message.ReplaceLineEndings(" ");
        string word = priority switch
        {
            3 => "error: ",
            4 => "warning: ",
            _ => "",
        };
        writer.WriteLine(Journal ? $"<{priority}>{line}" : word + line);
        writer.Flush();
    }
}
