using LatentPlayground.Core.Tempo;

namespace LatentPlayground.Core.Engine;

/// <summary>
/// The engine the live threads run, and the swap from one model's engine to another's while audio plays.
/// A model brings its own hop, latency and budget, so the new model gets a whole new <see cref="LiveEngine"/>,
/// built and warmed off the real-time threads; this class hands the stream over to it at period and hop
/// boundaries, with the same dip to dry as a preset switch:
/// <list type="number">
/// <item>The control thread offers the new engine (<see cref="BeginSwap"/>), its wet held off (<see cref="LiveEngine.HoldWet"/>).</item>
/// <item>The inference thread hands the transport over (tempo, running, beats at the stream position where it stands)
/// and arms the swap.</item>
/// <item>The audio thread starts it at its next period, frame t0: the old engine's wet signal dips to its aligned dry
/// signal (the late-hop fade, not counted as late) while the new engine runs alongside from t0 on, on dry, until its
/// dry-alignment line is full (its latency) and the old dip is over.</item>
/// <item>The output then crossfades (the same S-shaped fade) from the old engine's dry to the new one's. When the
/// latency changes the two dry signals are the input at two delays, so for that fade they comb rather than step.</item>
/// <item>The new engine alone: its wet signal fades in once its decoded audio is there. The old engine is no longer
/// touched by either thread, and the control thread collects it (<see cref="TryFinishSwap"/>) to free its model.</item>
/// </list>
/// The audio is never cut, the wet path is faded, never stepped, and the reported latency is the new engine's from
/// the crossfade on. Nothing allocates on the real-time threads: both engines exist before the swap starts.
/// Threads: <see cref="ProcessPeriod"/> on the audio thread, <see cref="TryProcessHop"/> on the inference thread,
/// the rest on one control thread.
/// </summary>
public sealed class SwappableEngine : IEngineCommands
{
    private const int Priming = 1;
    private const int Crossfading = 2;

    private readonly float[] _incomingOutput;

    // Control thread.
    private LiveEngine _controlEngine;
    private LiveEngine? _controlIncoming;
    private ExternalClock _externalClock;
    private long _retiredHops;
    private long _retiredLateHops;
    private long _retiredSkippedHops;
    private double _retiredWorstHop;

    // Handed between the threads: control → inference → audio, and back.
    private volatile LiveEngine? _offered;
    private volatile LiveEngine? _armed;
    private long _swapStart = -1;
    private volatile bool _oldDipped;
    private volatile bool _crossed;
    private volatile bool _audioReleased;
    private volatile bool _hopReleased;

    // Audio thread.
    private LiveEngine _audioEngine;
    private LiveEngine? _audioIncoming;
    private int _phase;
    private int _crossfaded;

    // Inference thread.
    private LiveEngine _hopEngine;
    private LiveEngine? _hopIncoming;
    private long _tempoFrom;
    private bool _tempoPending;

    /// <param name="first">The engine to start with (its tempo set, its parameters applied).</param>
    public SwappableEngine(LiveEngine first)
    {
        ArgumentNullException.ThrowIfNull(first);
        _controlEngine = _audioEngine = _hopEngine = first;
        Channels = first.Channels;
        SampleRate = first.SampleRate;
        MaxPeriodFrames = first.MaxPeriodFrames;
        _incomingOutput = new float[first.MaxPeriodFrames * first.Channels];
    }

    public int Channels { get; }

    public int SampleRate { get; }

    public int MaxPeriodFrames { get; }

    /// <summary>Thread: control. The engine the output comes from (the new one from the crossfade on).</summary>
    public LiveEngine Current => _controlIncoming is LiveEngine incoming && _crossed ? incoming : _controlEngine;

    /// <summary>Thread: control. The looper of the engine the output comes from (a swap brings the new model's, empty).</summary>
    public Latents.LatentLooper? Looper => Current.Looper;

    /// <summary>Thread: control. The engine being swapped in, from <see cref="BeginSwap"/> until <see cref="TryFinishSwap"/>.</summary>
    public LiveEngine? Incoming => _controlIncoming;

    /// <summary>Thread: control. True from <see cref="BeginSwap"/> until <see cref="TryFinishSwap"/> has collected the old engine.</summary>
    public bool Swapping => _controlIncoming is not null;

    /// <summary>Thread: control. The latency of the engine the output comes from.</summary>
    public int LatencySamples => Current.LatencySamples;

    /// <summary>
    /// Thread: control. Queues a change for every engine running, or, when any inbox is full, for none (false):
    /// during a swap the outgoing and incoming engines never disagree either.
    /// </summary>
    public bool Post(in ParameterChange change)
    {
        if (!HasRoom(withSwitch: false))
        {
            return false;
        }

        _ = _controlEngine.Post(change);
        _ = _controlIncoming?.Post(change);
        return true;
    }

    /// <summary>
    /// Thread: control. A glitch-free preset switch (see <see cref="LiveEngine.PostSwitch"/>) on every engine running,
    /// or on none (false).
    /// </summary>
    public bool PostSwitch(ReadOnlySpan<double> values)
    {
        if (!HasRoom(withSwitch: true))
        {
            return false;
        }

        _ = _controlEngine.PostSwitch(values);
        _ = _controlIncoming?.PostSwitch(values);
        return true;
    }

    // Thread: control, the only producer of every inbox, so room seen here stays room.
    private bool HasRoom(bool withSwitch) =>
        _controlEngine.HasRoom(withSwitch) && (_controlIncoming is not LiveEngine incoming || incoming.HasRoom(withSwitch));

    /// <summary>Thread: control. The outside clock every engine follows, now and after a swap.</summary>
    public void SetExternalClock(in ExternalClock clock)
    {
        _externalClock = clock;
        _controlEngine.SetExternalClock(clock);
        _controlIncoming?.SetExternalClock(clock);
    }

    /// <summary>
    /// Thread: control. The snapshot of the engine the output comes from, with the counters (hops, late and
    /// skipped hops, worst hop) of every engine this stream has run, so they only ever grow. Allocation-free.
    /// </summary>
    public EngineSnapshot ReadSnapshot()
    {
        LiveEngine? incoming = _controlIncoming;
        EngineSnapshot old = _controlEngine.ReadSnapshot();
        EngineSnapshot s = old;
        long hops = old.Hops, late = old.LateHops, skipped = old.SkippedHops;
        double worst = old.WorstHopMicroseconds;
        if (incoming is not null)
        {
            EngineSnapshot next = incoming.ReadSnapshot();
            if (_crossed)
            {
                s = next;
            }

            hops += next.Hops;
            late += next.LateHops;
            skipped += next.SkippedHops;
            worst = Math.Max(worst, next.WorstHopMicroseconds);
        }

        s.Hops = _retiredHops + hops;
        s.LateHops = _retiredLateHops + late;
        s.SkippedHops = _retiredSkippedHops + skipped;
        s.WorstHopMicroseconds = Math.Max(_retiredWorstHop, worst);
        return s;
    }

    /// <summary>
    /// Thread: control. Starts swapping to <paramref name="next"/>: built for this stream's rate, channels and
    /// period, its parameters applied, its wet held (<see cref="LiveEngine.HoldWet"/>), never run by a thread yet.
    /// False while another swap is under way.
    /// </summary>
    public bool BeginSwap(LiveEngine next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (_controlIncoming is not null)
        {
            return false;
        }

        if (next.SampleRate != SampleRate || next.Channels != Channels || next.MaxPeriodFrames < MaxPeriodFrames)
        {
            throw new ArgumentException(
                $"the new engine runs {next.SampleRate} Hz x {next.Channels} ch up to {next.MaxPeriodFrames}-frame periods; the stream needs {SampleRate} Hz x {Channels} ch and {MaxPeriodFrames}", nameof(next));
        }

        next.SetExternalClock(_externalClock);
        _controlIncoming = next;
        _offered = next;
        return true;
    }

    /// <summary>
    /// Thread: control. Once both real-time threads have let go of the old engine, makes the new one current and
    /// returns the old one (whose model the caller frees, off the real-time threads); null until then.
    /// </summary>
    public LiveEngine? TryFinishSwap()
    {
        if (_controlIncoming is null || !_audioReleased || !_hopReleased)
        {
            return null;
        }

        LiveEngine old = _controlEngine;
        EngineSnapshot s = old.ReadSnapshot();
        _retiredHops += s.Hops;
        _retiredLateHops += s.LateHops;
        _retiredSkippedHops += s.SkippedHops;
        _retiredWorstHop = Math.Max(_retiredWorstHop, s.WorstHopMicroseconds);
        _controlEngine = _controlIncoming;
        _controlIncoming = null;

        // Both threads now run the new engine and ignore an offer of the engine they run: the slots can be reset.
        _offered = null;
        _armed = null;
        Volatile.Write(ref _swapStart, -1);
        _oldDipped = false;
        _crossed = false;
        _hopReleased = false;
        _audioReleased = false;
        return old;
    }

    /// <summary>Thread: audio. One period through the current engine, or through both while a swap runs. Never allocates.</summary>
    public void ProcessPeriod(ReadOnlySpan<float> input, Span<float> output, int frames)
    {
        if (_audioIncoming is null)
        {
            LiveEngine? armed = _armed;
            if (armed is null || ReferenceEquals(armed, _audioEngine))
            {
                _audioEngine.ProcessPeriod(input, output, frames);
                return;
            }

            _audioIncoming = armed;
            _phase = Priming;
            _crossfaded = 0;
            Volatile.Write(ref _swapStart, _audioEngine.Frame);
            _audioEngine.BeginRetire();
        }

        LiveEngine incoming = _audioIncoming;
        Span<float> next = _incomingOutput.AsSpan(0, frames * Channels);
        _audioEngine.ProcessPeriod(input, output, frames);
        incoming.ProcessPeriod(input, next, frames);

        // The old engine's dip began with this swap's first period; once it is over, its hops are not heard.
        int fade = _audioEngine.FadeSamples;
        if (!_oldDipped && incoming.Frame >= fade)
        {
            _oldDipped = true;
        }

        if (_phase == Priming)
        {
            // The new engine's aligned dry is real once its delay line has filled.
            if (incoming.Frame >= incoming.LatencySamples && incoming.Frame >= fade)
            {
                _phase = Crossfading;
            }

            return;
        }

        Crossfade(output, next, frames, fade);
        _crossfaded += frames;
        if (_crossfaded >= fade)
        {
            _audioEngine = incoming;
            _audioIncoming = null;
            _phase = 0;
            incoming.ReleaseWet();
            _crossed = true;
            _audioReleased = true;
        }
    }

    /// <summary>
    /// Thread: inference. The next hop of the current engine, or, while a swap runs, of the old engine until its dip
    /// is over and of the new one from its first complete hop. One hop per call; false when there is none.
    /// </summary>
    public bool TryProcessHop()
    {
        if (_hopIncoming is null)
        {
            LiveEngine? offered = _offered;
            if (offered is null || ReferenceEquals(offered, _hopEngine))
            {
                return _hopEngine.TryProcessHop();
            }

            // The transport carries on: the new engine takes the old one's tempo and position now, and moves it
            // on to the swap's first frame before its first hop (below).
            TempoClock from = _hopEngine.Tempo;
            TempoClock to = offered.Tempo;
            to.SetTempo(from.Bpm);
            to.Locate(from.Beats);
            if (from.Running)
            {
                to.Continue();
            }
            else
            {
                to.Stop();
            }

            _tempoFrom = _hopEngine.HopPosition;
            _tempoPending = true;
            _hopIncoming = offered;
            _armed = offered;
        }

        LiveEngine incoming = _hopIncoming;
        if (_tempoPending)
        {
            long start = Volatile.Read(ref _swapStart);
            if (start >= 0)
            {
                incoming.Tempo.Advance((int)Math.Clamp(start - _tempoFrom, 0, int.MaxValue));
                _tempoPending = false;
            }
        }

        if (_audioReleased)
        {
            _hopEngine = incoming;
            _hopIncoming = null;
            _hopReleased = true;
            return _hopEngine.TryProcessHop();
        }

        if (!_oldDipped && _hopEngine.TryProcessHop())
        {
            return true;
        }

        // Before the audio thread starts the swap, the new engine has no input and no hop to run.
        return !_tempoPending && incoming.TryProcessHop();
    }

    // From the old engine's output to the new one's, S-shaped over a fade, frame by frame.
    private void Crossfade(Span<float> output, ReadOnlySpan<float> next, int frames, int fade)
    {
        int channels = Channels;
        for (int f = 0; f < frames; f++)
        {
            double x = Math.Min(1.0, (_crossfaded + f + 1) / (double)fade);
            float s = (float)(x * x * (3 - (2 * x)));
            for (int c = 0; c < channels; c++)
            {
                int i = (f * channels) + c;
                output[i] += s * (next[i] - output[i]);
            }
        }
    }
}
