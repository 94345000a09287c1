using System.Text;
using LatentPlayground.Controls;
using LatentPlayground.Live;

namespace LatentPlayground.Sim;

/// <summary>
/// <c>run --sim</c>'s terminal panel: takes keys (without waiting), turns them into presses, turns and knob moves
/// on the <see cref="SimulatedPedal"/>, and redraws the panel when the picture changed. On a terminal it redraws in
/// place at the surface's frame rate with the log's last lines under it; with output redirected it prints each
/// changed frame at most <see cref="RedirectedFramesPerSecond"/> times a second. In a redirected key script, '~'
/// waits 0.3 s before the next key (so two taps can be told from a double press).
/// Thread: the control thread.
/// </summary>
public sealed class SimPanel(SimulatedPedal pedal, PedalSurface surface, KeySource keys, TextWriter output, StopRequest stop, LogRing? log)
{
    public const int RedirectedFramesPerSecond = 4;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(300);

    private readonly bool _terminal = log is not null;
    private long _pauseUntil;
    private long _nextDraw;
    private long _drawnFrame = -1;
    private string _last = string.Empty;
    private bool? _lastLarge;

    /// <summary>Panels written so far.</summary>
    public int Drawn { get; private set; }

    /// <summary>One control tick: keys, releases, and a redraw when due.</summary>
    public void Tick()
    {
        long now = TimeProvider.System.GetTimestamp();
        while (now >= _pauseUntil && keys.TryTake(out char key))
        {
            if (key == '~')
            {
                _pauseUntil = now + (long)(Pause.TotalSeconds * TimeProvider.System.TimestampFrequency);
                break;
            }

            SimKeys.Apply(pedal, key, out bool quit);
            if (quit)
            {
                stop.Request("the simulator's quit key");
            }
        }

        pedal.Tick();
        if (now < _nextDraw || surface.Frames == _drawnFrame)
        {
            return;
        }

        _drawnFrame = surface.Frames;
        _nextDraw = now + (TimeProvider.System.TimestampFrequency / (_terminal ? PedalSurface.FramesPerSecond : RedirectedFramesPerSecond));
        (int columns, int rows) = TerminalSize();
        bool large = !_terminal || (columns >= LargeColumns && rows >= LargeRows);
        string oled = large ? SimPanelText.Oled(pedal.Display) : SimPanelText.OledBraille(pedal.Display);
        string panel = oled + SimPanelText.Controls(surface.Leds, pedal.Knobs, surface.Expression is null ? null : pedal.ExpressionPosition);
        if (panel == _last)
        {
            return;
        }

        _last = panel;
        var text = new StringBuilder();
        if (_terminal)
        {
            // After a resize that changes the layout, clear: the old, wider lines would stay beside the new ones.
            text.Append(large == _lastLarge ? "\u001b[H" : "\u001b[2J\u001b[H");
            _lastLarge = large;
        }
        else
        {
            text.Append("--- panel ").Append(Drawn).Append(" ---\n");
        }

        text.Append(panel).Append(SimKeys.Help);
        if (log is not null)
        {
            // The log's last lines in the rows left, cut to the width; no newline after the last row, which would
            // scroll the panel's top off the screen.
            int used = panel.Count(c => c == '\n') + 2;
            IReadOnlyList<string> tail = log.Tail();
            foreach (string line in tail.Skip(Math.Max(0, tail.Count - Math.Max(0, rows - used))))
            {
                text.Append("\u001b[K\n").Append(line.Length >= columns ? line[..(columns - 1)] : line);
            }

            text.Append("\u001b[K\u001b[J");
        }
        else
        {
            text.Append('\n');
        }

        output.Write(text.ToString());
        output.Flush();
        Drawn++;
    }

    /// <summary>A terminal at least this large gets the half-block OLED (130x34) and six log lines; a smaller one
    /// (down to 80x24) the braille OLED (66x18).</summary>
    public const int LargeColumns = 132;

    /// <inheritdoc cref="LargeColumns"/>
    public const int LargeRows = 44;

    // The terminal's size now (it may be resized while running); 80x24 when it cannot be read.
    private (int Columns, int Rows) TerminalSize()
    {
        if (!_terminal)
        {
            return (int.MaxValue, int.MaxValue);
        }

        try
        {
            return (Math.Max(Console.WindowWidth, 40), Math.Max(Console.WindowHeight, 10));
        }
        catch (IOException)
        {
            return (80, 24);
        }
    }

    /// <summary>Clears the screen before the first frame on a terminal.</summary>
    public void Begin()
    {
        if (_terminal)
        {
            output.Write("\u001b[2J\u001b[?25l");
        }
    }

    /// <summary>Gives the terminal back: cursor shown, the whole log written to standard error, and the lines still
    /// to come (the run's summary) straight after it.</summary>
    public void End(TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (_terminal)
        {
            output.Write("\u001b[?25h\n");
            output.Flush();
            log!.Release(error);
        }
    }
}
