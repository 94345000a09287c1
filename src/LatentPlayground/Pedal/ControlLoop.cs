using System.Diagnostics;
using LatentPlayground.Controls;
using LatentPlayground.Live;
using LatentPlayground.Sim;

namespace LatentPlayground.Pedal;

/// <summary>
/// The control thread (<c>lp-control</c>, normal priority): every <see cref="TickInterval"/> it polls the surface's
/// devices, which send their events to the reducer; lets the reducer take the MIDI and those events and send what changed; then
/// lets the surface show the new state (LEDs, display) and the simulator draw its panel. Nothing else touches the
/// pedal's state while it runs; the main thread only watches the audio (<see cref="SessionMonitor"/>).
/// A tick that throws is logged and the next tick runs: a bug in a control path must not stop the pedal playing.
/// Thread: <see cref="Start"/>, <see cref="Stop"/> and <see cref="Dispose"/> from the thread that owns the run;
/// <see cref="TickOnce"/> on the control thread, or from a test in its place before <see cref="Start"/>.
/// </summary>
public sealed class ControlLoop : IDisposable
{
    /// <summary>MIDI CC and Program Change are handled within this: well under a hop.</summary>
    public static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(10);

    private readonly PedalReducer _reducer;
    private readonly MidiInputs? _midi;
    private readonly PedalSurface? _surface;
    private readonly SimPanel? _panel;
    private readonly LiveLog _log;
    private readonly ManualResetEventSlim _stop = new(false);
    private Thread? _thread;

    public ControlLoop(PedalReducer reducer, MidiInputs? midi, PedalSurface? surface, SimPanel? panel, LiveLog log)
    {
        ArgumentNullException.ThrowIfNull(reducer);
        _reducer = reducer;
        _midi = midi;
        _surface = surface;
        _panel = panel;
        _log = log;
    }

    /// <summary>Ticks run so far.</summary>
    public long Ticks { get; private set; }

    /// <summary>Starts the control thread.</summary>
    public void Start()
    {
        _thread = new Thread(Run) { Name = "lp-control", IsBackground = true };
        _thread.Start();
    }

    /// <summary>Ends the control thread after its current tick and waits for it; the state then belongs to the caller.</summary>
    public void Stop()
    {
        _stop.Set();
        _thread?.Join();
        _thread = null;
    }

    /// <summary>One tick: devices in, the reducer, the view out.</summary>
    public void TickOnce()
    {
        try
        {
            _surface?.PollDevices();
            _reducer.Tick(_midi);
            _surface?.Present();
            _panel?.Tick();
        }
#pragma warning disable CA1031 // The pedal plays on: one failed tick must not end the control thread.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _log.Error($"control tick failed: {e.GetType().Name}: {e.Message}; the pedal plays on");
        }

        Ticks++;
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }

    private void Run()
    {
        long next = Stopwatch.GetTimestamp();
        long interval = (long)(TickInterval.TotalSeconds * Stopwatch.Frequency);
        while (!_stop.IsSet)
        {
            TickOnce();
            next += interval;
            long now = Stopwatch.GetTimestamp();
            if (next < now)
            {
                // Behind (a stalled tick): start again from now rather than run a burst of late ticks.
                next = now;
            }

            _ = _stop.Wait(TimeSpan.FromSeconds((next - now) / (double)Stopwatch.Frequency));
        }
    }
}
