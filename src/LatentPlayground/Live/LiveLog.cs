namespace LatentPlayground.Live;

/// <summary>
/// The run's log: one plain line per event on standard error. Under systemd, with standard error going to
/// the journal, each line starts with its syslog priority (&lt;3&gt; error, &lt;4&gt; warning,
/// &lt;5&gt; notice, &lt;6&gt; info), which journald strips and stores as the entry's priority (sd-daemon(3));
/// elsewhere warnings and errors say so in words. A line never spans two: journald would split it.
/// Thread: the control thread only (the real-time threads never log; the driver's warnings are called on
/// the thread that starts it).
/// </summary>
public sealed class LiveLog(TextWriter writer, bool journal)
{
    /// <summary>True when lines carry journald priority prefixes.</summary>
    public bool Journal { get; } = journal;

    /// <summary>A log on standard error, with priorities when it is the journal.</summary>
    public static LiveLog ForStandardError(TextWriter stderr) => new(stderr, JournalStream.IsStandardError());

    public void Error(string message) => Write(3, "error: ", message);

    public void Warning(string message) => Write(4, "warning: ", message);

    public void Notice(string message) => Write(5, "", message);

    public void Info(string message) => Write(6, "", message);

    private void Write(int priority, string word, string message)
    {
        string line = message.ReplaceLineEndings(" ");
        writer.WriteLine(Journal ? $"<{priority}>{line}" : word + line);
        writer.Flush();
    }
}
