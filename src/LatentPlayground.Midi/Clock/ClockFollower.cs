using LatentPlayground.Core.Tempo;
using LatentPlayground.Midi.Messages;

namespace LatentPlayground.Midi.Clock;

/// <summary>
/// Follows MIDI clock: estimates the tempo from 24-ppqn ticks timestamped on arrival, and keeps the transport
/// (running, position in beats) from Start, Stop, Continue, Song Position Pointer and the ticks themselves.
/// <para>
/// Tempo filter: while the window first fills after a (re)start, a minimax line (see
/// <see cref="TickLineFit.TryFitMinimax"/>), which locks within two beats; then a least-squares line through the arrival times of the ticks of the last
/// <see cref="WindowSeconds"/> against their tick numbers; the slope is the tick period. Chosen over a
/// PLL/DLL because (1) its memory is finite: a burst or a glitch leaves the estimate once it leaves the window,
/// where a loop filter rings it out; (2) it has no loop gains to tune against each other and no overshoot on a
/// tempo change: the estimate moves linearly from the old tempo to the new one in one window; (3) its noise is
/// known in closed form: with arrival jitter of standard deviation s (uniform +/-a gives s = a/sqrt 3) and n
/// ticks at period T, the relative tempo error has standard deviation s*sqrt(12/n^3)/T, which with a window
/// fixed in seconds grows only as the square root of the tempo. Two seconds keeps +/-3 ms jitter under
/// 0.06 BPM (one standard deviation) even at 240 BPM. The line's slope is the tempo at the window's middle, a
/// second behind during a ramp; so each full-window fit also fits a parabola, and when its curvature stands far
/// above the jitter (<see cref="CurvatureThreshold"/>) the tempo is the parabola's slope at the newest tick.
/// </para>
/// <para>
/// Position is counted, not filtered: each tick while running is exactly 1/24 beat after the previous one, as
/// the master says. Between ticks the position moves on at the estimated tempo but never past the next
/// tick's position, so it never steps backwards when that tick arrives (the modulators' note-value loops
/// restart on grid crossings and would fire twice otherwise).
/// </para>
/// Times are seconds on one monotonic clock (the input reader's). Allocation-free.
/// Thread: one owner, the control thread that drains the MIDI inputs; not thread-safe.
/// </summary>
public sealed class ClockFollower
{
    public const int TicksPerBeat = 24;

    /// <summary>The tempo filter's window: ticks that arrived in the last this many seconds.</summary>
    public const double WindowSeconds = 2.0;

    /// <summary>Ticks needed after a (re)start of the clock before the estimate replaces the held tempo.</summary>
    public const int LockTicks = 12;

    /// <summary>No tick for this many beats (at the last tempo) means the clock is lost.</summary>
    public const double LostAfterBeats = 2.0;

    private const double BeatsPerTick = 1.0 / TicksPerBeat;

    /// <summary>Curvature t statistic above which the ticks count as a ramp: a steady clock stays of the order of 1,
    /// a 90-to-140 BPM ramp over eight bars reads about 60.</summary>
    public const double CurvatureThreshold = 12;

    private readonly TickLineFit _fit = new();

    // The position at _positionTime, and the position the next running tick will stand at. Between ticks,
    // the position may move up to, never past, _nextTickBeats.
    private double _position;
    private double _positionTime;
    private double _nextTickBeats;

    // True after a running tick, false after Start, Continue, a locate or a stop: until the next tick comes
    // the position waits, as the spec says playback resumes "at the next clock".
    private bool _moving;
    private double _lastTickTime = double.NegativeInfinity;
    private double _fitStart;

    /// <summary>A stopped transport at beat 0, no clock yet. Thread: any; then the owner's.</summary>
    /// <param name="initialBpm">The tempo held until the clock has been followed for <see cref="LockTicks"/> ticks.</param>
    public ClockFollower(double initialBpm = 120)
    {
        Bpm = Math.Clamp(initialBpm, TempoClock.MinBpm, TempoClock.MaxBpm);
    }

    /// <summary>The estimated tempo, or the held one while the clock is lost or not locked yet.</summary>
    public double Bpm { get; private set; }

    /// <summary>True once the current run of ticks is long enough for <see cref="Bpm"/> to follow it.</summary>
    public bool Locked => _fit.Count >= LockTicks;

    /// <summary>True between Start/Continue and Stop.</summary>
    public bool Running { get; private set; }

    /// <summary>
    /// True when no tick has come for more than <see cref="LostAfterBeats"/> beats, as of the last
    /// <see cref="Update"/>; a tick clears it. For the display.
    /// </summary>
    public bool ClockLost { get; private set; }

    /// <summary>What the display shows: stopped, running, or running with the clock lost.</summary>
    public TransportState State => !Running ? TransportState.Stopped : ClockLost ? TransportState.Lost : TransportState.Running;

    /// <summary>Ticks received in all, running or not.</summary>
    public long TicksReceived { get; private set; }

    /// <summary>Arrival time of the latest tick; -infinity before any.</summary>
    public double LastTickTime => _lastTickTime;

    /// <summary>The time after which, without a tick, the clock counts as lost; +infinity before any tick.</summary>
    public double LostDeadline => TicksReceived == 0 ? double.PositiveInfinity : _lastTickTime + (LostAfterBeats * 60.0 / Bpm);

    /// <summary>
    /// Hands one received message to the follower. Clock, Start, Continue, Stop and Song Position Pointer are
    /// used (returns true); anything else is ignored (returns false). Thread: the owner.
    /// </summary>
    public bool Receive(in MidiMessage message, double time)
    {
        switch (message.Kind)
        {
            case MidiMessageKind.Clock:
                Tick(time);
                return true;
            case MidiMessageKind.Start:
                Start(time);
                return true;
            case MidiMessageKind.Continue:
                Continue(time);
                return true;
            case MidiMessageKind.Stop:
                Stop(time);
                return true;
            case MidiMessageKind.SongPosition:
                SongPosition(message.Value14, time);
                return true;
            default:
                return false;
        }
    }

    /// <summary>A timing clock (F8) arrived at <paramref name="time"/>. Thread: the owner.</summary>
    public void Tick(double time)
    {
        if (!double.IsFinite(time))
        {
            return;
        }

        // Two inputs or a clock step could hand us a time before the last one; a line fit through a tick that
        // goes back in time would give nonsense, so it is taken as arriving with the last one.
        time = Math.Max(time, _lastTickTime);
        if (time > LostDeadline)
        {
            // The master may have kept going while we heard nothing, so tick numbers before and after the gap
            // are not comparable: start the fit again, holding the tempo until it locks.
            _fit.Clear();
        }

        if (_fit.Count == 0)
        {
            _fitStart = time;
        }

        _fit.Add(time);
        _lastTickTime = time;
        TicksReceived++;
        ClockLost = false;

        // While the window first fills, the minimax fit locks in fewer beats; then least squares, which
        // one late tick cannot pull far.
        bool filling = time - _fitStart < WindowSeconds;
        if (_fit.Count >= LockTicks && (filling ? _fit.TryFitMinimax(WindowSeconds, LockTicks, out double period) : FitFilled(out period)))
        {
            Bpm = Math.Clamp(60.0 / (TicksPerBeat * period), TempoClock.MinBpm, TempoClock.MaxBpm);
        }

        if (Running)
        {
            _position = _nextTickBeats;
            _nextTickBeats += BeatsPerTick;
            _positionTime = time;
            _moving = true;
        }
    }

    // A full window: the straight line, unless the ticks curve far beyond what jitter explains (a tempo ramp),
    // where the parabola's slope at the newest tick has no lag; a steady clock keeps the line's lower noise.
    private bool FitFilled(out double period)
    {
        if (_fit.TryFitParabola(WindowSeconds, LockTicks, out double curved, out double curvatureT))
        {
            LastCurvatureT = curvatureT;
            if (curvatureT > CurvatureThreshold)
            {
                period = curved;
                return true;
            }
        }

        return _fit.TryFit(WindowSeconds, LockTicks, out period);
    }

    /// <summary>The curvature t statistic of the latest full-window fit (diagnostics).</summary>
    public double LastCurvatureT { get; private set; }

    /// <summary>Start (FA): position 0, running; beat 0 is the next tick. Thread: the owner.</summary>
    public void Start(double time)
    {
        Running = true;
        Locate(0, time);
    }

    /// <summary>Continue (FB): running again from the current song position at the next tick. Thread: the owner.</summary>
    public void Continue(double time)
    {
        if (Running)
        {
            return;
        }

        Running = true;
        _positionTime = time;
        _moving = false;
    }

    /// <summary>Stop (FC): the position holds where it is at <paramref name="time"/>. Thread: the owner.</summary>
    public void Stop(double time)
    {
        if (!Running)
        {
            return;
        }

        _position = StateAt(time).Beats;
        _positionTime = time;
        _moving = false;
        Running = false;
    }

    /// <summary>
    /// Song Position Pointer (F2): the next tick after a Continue stands at <paramref name="sixteenths"/>/4 beats.
    /// Thread: the owner.
    /// </summary>
    public void SongPosition(int sixteenths, double time) => Locate(Math.Max(sixteenths, 0) / 4.0, time);

    /// <summary>
    /// Latches <see cref="ClockLost"/> when <paramref name="now"/> is past <see cref="LostDeadline"/>. Returns true
    /// when the flag changed. Call it from the control loop; the tempo and position hold while lost.
    /// Thread: the owner.
    /// </summary>
    public bool Update(double now)
    {
        if (ClockLost || !(now > LostDeadline))
        {
            return false;
        }

        ClockLost = true;
        return true;
    }

    /// <summary>
    /// The transport as the modulators should see it at <paramref name="now"/> (not before the last event).
    /// Pure: it changes nothing. Thread: the owner.
    /// </summary>
    public TempoState StateAt(double now) => Anchor.StateAt(now);

    /// <summary>The transport as a plain value, to publish to the thread that runs the hop stage. Thread: the owner.</summary>
    public TempoAnchor Anchor => new(Bpm, Running, _moving, _position, _positionTime, _nextTickBeats);

    /// <summary>Forgets the clock and the transport (for a change of clock source); the tempo holds. Thread: the owner.</summary>
    public void Reset()
    {
        _fit.Clear();
        Running = false;
        ClockLost = false;
        TicksReceived = 0;
        _lastTickTime = double.NegativeInfinity;
        Locate(0, 0);
    }

    private void Locate(double beats, double time)
    {
        _position = beats;
        _nextTickBeats = beats;
        _positionTime = time;
        _moving = false;
    }
}
