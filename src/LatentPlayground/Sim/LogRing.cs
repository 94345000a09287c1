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

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_gate)
        {
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

    /// <summary>Every line so far.</summary>
    public IReadOnlyList<string> All()
    {
        lock (_gate)
        {
            return [.. _all];
        }
    }
}
