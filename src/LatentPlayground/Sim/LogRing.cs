using System.Text;

namespace LatentPlayground.Sim;

/// <summary>
/// The log while the simulator's panel owns the terminal: the last lines, shown under the panel, and all of them
/// written out to standard error when the run ends, so nothing is lost. Thread: any (writes are locked; the log
/// is written from the control thread and the real-time threads' failure paths only).
/// </summary>
public sealed class LogRing(int keep = 6) : TextWriter
{
    private readonly List<string> _all = [];
    private readonly StringBuilder _line = new();
    private readonly Lock _gate = new();
    private TextWriter? _forward;

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_gate)
        {
            if (_forward is not null)
            {
                _forward.Write(value);
                if (value == '\n')
                {
                    _forward.Flush();
                }

                return;
            }

            if (value == '\n')
            {
                _all.Add(_line.ToString());
                _line.Clear();
            }
            else
            {
                _line.Append(value);
            }
        }
    }

    /// <summary>The last lines, oldest first.</summary>
    public IReadOnlyList<string> Tail()
    {
        lock (_gate)
        {
            return _all.Skip(Math.Max(0, _all.Count - keep)).ToList();
        }
    }

    /// <summary>
    /// The panel gave the terminal back: every line so far goes to <paramref name="error"/>, and so does every line
    /// after (the run's last lines, its summary, come after the panel ends).
    /// </summary>
    public void Release(TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        lock (_gate)
        {
            foreach (string line in _all)
            {
                error.WriteLine(line);
            }

            error.Flush();
            _forward = error;
        }
    }
}
