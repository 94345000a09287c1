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
/// 0.06 BPM (one standard deviation) even at 240 BPM.
/// </para>
/// <para>
/// Ramps: the line's slope is the tempo at the window's middle, a second behind during a ramp. So every tick
/// also fits curved models over the same window (<see cref="TickLineFit.TryFitCurved"/>): a parabola (a ramp
/// under way: tempo and acceleration), a line turning into a parabola at a knot (a ramp that started within
/// the window), and a parabola turning into a line (one that ended); the tempo is the winner's slope at the
/// newest tick. A window of fixed length with one knot, rather than a shorter window or a tracker with an
/// acceleration state: a corner is a kink in a curve the long window otherwise fits well, and the knotted
/// model keeps all the window's ticks, so after a corner the estimate is as quiet as on a steady clock, with no
/// window to grow back and no gain to adapt. A curved model wins only when the residuals it removes stand far
/// above the jitter (<see cref="CurvedThreshold"/>, and <see cref="EndMargin"/> more for an end, which a
/// parabola's noise mimics), and only on two ticks running, so that a steady clock and a single late tick keep
/// the line's estimate. What that costs is the corners' delay: a corner shows in the arrival times only as
/// 0.5 a t^2 (a the change of acceleration), so its evidence grows as the fifth power of the ticks since it;
/// at +/-1 ms the 90-to-140 BPM ramp of eight bars is told apart some 14 ticks after its start and 25 to 30 after
/// its end, about 1 BPM off by then. No estimator can do much better on that jitter without giving up the
/// steady-state figures: 0.5 BPM at the end is 9 ticks, where the evidence is half a jitter variance.
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

    /// <summary>
    /// Squared residual (in jitter variances) that a curved model must remove from the line's to replace it.
    /// Under a steady clock each model's score is chi-squared with one degree of freedom (the best of the knots
    /// somewhat more), so 30 is as good as never passed on two ticks running; the middle of a 90-to-140 BPM
    /// ramp over eight bars reads thousands.
    /// </summary>
    public const double CurvedThreshold = 30;

    /// <summary>What a ramp's end must remove beyond the parabola: the end model matches a parabola bent by its
    /// newest ticks' noise, so it needs more evidence than the other curved models.</summary>
    public const double EndMargin = 25;

    /// <summary>Nearest a knot may be to either end of the window, in ticks: the slope after a knot a few ticks
    /// old would rest on those few ticks' jitter.</summary>
    public const int MinKnotTicks = 12;

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

    // Whether the curved fit won on the previous tick: a curved model needs two running.
    private bool _curvedBefore;

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
            _curvedBefore = false;
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
        // one late tick cannot pull far. A ramp's corner overrides either.
        bool filling = time - _fitStart < WindowSeconds;
        if (_fit.Count >= LockTicks && Estimate(filling, out double period))
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

    // A curved model, when it won this tick and the one before; else the minimax line while the window first
    // fills, the least-squares line after.
    private bool Estimate(bool filling, out double period)
    {
        bool fitted = _fit.TryFitCurved(WindowSeconds, LockTicks, MinKnotTicks, CurvedThreshold, EndMargin, out period, out bool curved);
        bool confirmed = fitted && curved && _curvedBefore;
        _curvedBefore = fitted && curved;
        if (confirmed)
        {
            return true;
        }

        return filling ? _fit.TryFitMinimax(WindowSeconds, LockTicks, out period) : _fit.TryFit(WindowSeconds, LockTicks, out period);
    }

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
        _curvedBefore = false;
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
