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
        string panel = SimPanelText.Oled(pedal.Display) + SimPanelText.Controls(surface.Leds, pedal.Knobs, surface.Expression is null ? null : pedal.ExpressionPosition);
        if (panel == _last)
        {
            return;
        }

        _last = panel;
        var text = new StringBuilder();
        if (_terminal)
        {
            text.Append("\u001b[H");
        }
        else
        {
            text.Append("--- panel ").Append(Drawn).Append(" ---\n");
        }

        text.Append(panel).Append(SimKeys.Help).Append('\n');
        if (log is not null)
        {
            foreach (string line in log.Tail())
            {
                text.Append(line.Length > 132 ? line[..132] : line).Append("\u001b[K\n");
            }

            text.Append("\u001b[J");
        }

        output.Write(text.ToString());
        output.Flush();
        Drawn++;
    }

    /// <summary>Clears the screen before the first frame on a terminal.</summary>
    public void Begin()
    {
        if (_terminal)
        {
            output.Write("\u001b[2J\u001b[?25l");
        }
    }

    /// <summary>Gives the terminal back: cursor shown, and the whole log written to standard error.</summary>
    public void End(TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (_terminal)
        {
            output.Write("\u001b[?25h\n");
            foreach (string line in log!.All())
            {
                error.WriteLine(line);
            }
        }
    }
}
