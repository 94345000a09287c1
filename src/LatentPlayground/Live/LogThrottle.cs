using System.Globalization;
using System.Text;

namespace LatentPlayground.Live;

/// <summary>
/// Keeps a flood of like lines out of the log: lines that differ only in their numbers share a key, and each key
/// may print <see cref="Burst"/> lines per <see cref="Window"/>; the rest are counted, and once the window is over
/// one line says how many were left out. A MIDI input reading /dev/urandom sent 120,000 warnings in 6 seconds
/// before this. Thread: the control thread only (as <see cref="LiveLog"/>).
/// </summary>
public sealed class LogThrottle(Func<double> seconds)
{
    /// <summary>Lines of one kind printed per window before the rest are counted instead.</summary>
    public const int Burst = 5;

    /// <summary>The window, in seconds.</summary>
    public const double Window = 10;

    private readonly Dictionary<string, Kind> _kinds = new(StringComparer.Ordinal);
    private readonly StringBuilder _key = new();

    /// <summary>Whether this line may print now; when not, it is counted.</summary>
    public bool Allow(int priority, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        string key = KeyOf(priority, message);
        double now = seconds();
        if (!_kinds.TryGetValue(key, out Kind? kind))
        {
            _kinds[key] = new Kind(priority, now) { Printed = 1 };
            return true;
        }

        if (now - kind.Started >= Window)
        {
            return false; // reported by TakeSummaries first; the caller asks it before every line
        }

        if (kind.Printed < Burst)
        {
            kind.Printed++;
            return true;
        }

        kind.Suppressed++;
        kind.Example = message;
        return false;
    }

    /// <summary>
    /// For each kind whose window is over: a line saying how many like lines were left out (none when none were),
    /// and the kind starts afresh.
    /// </summary>
    /// <param name="all">Every kind, window over or not (the end of a run).</param>
    public IEnumerable<(int Priority, string Line)> TakeSummaries(bool all = false)
    {
        if (_kinds.Count == 0)
        {
            return [];
        }

        double now = seconds();
        List<(int, string)>? lines = null;
        List<string>? expired = null;
        foreach ((string key, Kind kind) in _kinds)
        {
            if (!all && now - kind.Started < Window)
            {
                continue;
            }

            (expired ??= []).Add(key);
            if (kind.Suppressed > 0)
            {
                (lines ??= []).Add((kind.Priority, string.Create(CultureInfo.InvariantCulture,
                    $"{kind.Suppressed} more like this in the last {now - kind.Started:0} s were not logged, the last: {kind.Example}")));
            }
        }

        // Called every control tick: while a kind's window runs, nothing here may allocate (an empty list made for
        // the loop, or a list's enumerator boxed through IEnumerable, did: 64 B a tick after any log line).
        if (expired is not null)
        {
            foreach (string key in expired)
            {
                _kinds.Remove(key);
            }
        }

        return lines is null ? Array.Empty<(int Priority, string Line)>() : lines;
    }

    // The line with each run of digits as one '#': "preset 53: ..." and "preset 88: ..." are one kind.
    private string KeyOf(int priority, string message)
    {
        _key.Clear().Append((char)('0' + priority));
        bool inDigits = false;
        foreach (char c in message)
        {
            bool digit = char.IsAsciiDigit(c);
            if (!digit || !inDigits)
            {
                _key.Append(digit ? '#' : c);
            }

            inDigits = digit;
        }

        return _key.ToString();
    }

    private sealed class Kind(int priority, double started)
    {
        public int Priority { get; } = priority;

        public double Started { get; } = started;

        public int Printed { get; set; }

        public long Suppressed { get; set; }

        public string Example { get; set; } = "";
    }
}
