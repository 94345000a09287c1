using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Tempo;

namespace LatentPlayground.Core.Latents;

/// <summary>
/// The pedal's latent looper, on the hop stage: it records the encoder's latent every hop into a ring, and on
/// <c>loop.capture</c> takes the last <c>loop.bars</c> bars, ending on the bar line just passed while the transport
/// runs, as a loop of that many bars from that bar line (so the loop is in time from its first hop and every restart
/// is on a bar line). While <c>loop</c> is on, the loop plays in place of the encoder's latent; offsets, modulators
/// and XY act on top, as on the encoder's. A pattern made from the capture on the control thread (fibo, orale,
/// blender, swapper) is offered here and taken at the next bar line. Every change of what plays (on, off, a new
/// capture, a pattern) crossfades the latent over <see cref="FadeFrames"/> hops, so the decoder never hears a step.
/// <para>
/// Threads: <see cref="Record"/> and <see cref="TryRead"/> on the hop stage's thread, allocation-free, sized in the
/// constructor; <see cref="TryTakeCapture"/>, <see cref="Offer"/>, <see cref="PlayCapture"/> and the published
/// position on the control thread. Captures go out through a sequence lock (the control thread copies and retries
/// if a capture landed meanwhile); patterns come in through one exchanged reference, so no side ever waits.
/// </para>
/// </summary>
public sealed class LatentLooper : ILatentSource, ILatentRecorder
{
    /// <summary>Hops a change of what plays crossfades over (about 170 ms at the bundled model's rate).</summary>
    public const int FadeFrames = 4;

    /// <summary>Bars of 4/4: the looper counts in them.</summary>
    public const int BeatsPerBar = 4;

    /// <summary>The longest capture: 4 bars at the slowest tempo the pedal runs.</summary>
    public const double MaxBeats = 16;

    private static readonly int[] BarChoices = [1, 2, 4];

    private readonly int _dimensions;
    private readonly double _rate;
    private readonly float[] _ring;
    private readonly int _capacity;
    private readonly LatentLoopSource _capture;
    private readonly float[] _encoded;
    private readonly float[] _from;
    private readonly float[] _target;
    private readonly float[] _last;
    private long _recorded;
    private double _captureCount;
    private bool _on;
    private bool _encodeOn = true;
    private bool _wasPlaying;
    private int _fadeLeft;
    private long _lastBar = long.MinValue;
    private ILatentSource? _playing;
    private LatentLoopSource? _offered;
    private volatile bool _wantCapture;

    // Published capture (a sequence lock: odd while the hop stage writes it).
    private readonly float[] _published;
    private int _sequence;
    private int _publishedFrames;
    private double _publishedBeats;
    private double _publishedStart;

    // Published position, for the display.
    private double _phase;
    private double _bars;
    private volatile bool _playingNow;
    private volatile bool _hasMaterial;

    /// <param name="dimensions">The model's latent size.</param>
    /// <param name="latentRate">The model's latent frames a second.</param>
    public LatentLooper(int dimensions, double latentRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        if (!double.IsFinite(latentRate) || latentRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(latentRate), latentRate, "the latent rate must be positive");
        }

        _dimensions = dimensions;
        _rate = latentRate;
        _capacity = (int)Math.Ceiling(MaxBeats * 60 / TempoClock.MinBpm * latentRate) + 1;
        _ring = new float[_capacity * dimensions];
        _published = new float[_capacity * dimensions];
        _capture = new LatentLoopSource(dimensions, _capacity, latentRate);
        _encoded = new float[dimensions];
        _from = new float[dimensions];
        _target = new float[dimensions];
        _last = new float[dimensions];
        WarmCapture();
    }

    public int Dimensions => _dimensions;

    /// <summary>The model's latent frames a second.</summary>
    public double LatentRate => _rate;

    /// <summary>Thread: control. True once a capture was made or a pattern offered.</summary>
    public bool HasMaterial => _hasMaterial;

    /// <summary>Thread: control. True while a loop plays in place of the encoder's latent.</summary>
    public bool Playing => _playingNow;

    /// <summary>Thread: control. Where the loop playing is, 0..1 of its length.</summary>
    public double Phase => Volatile.Read(ref _phase);

    /// <summary>Thread: control. The loop playing's length in bars.</summary>
    public double Bars => Volatile.Read(ref _bars);

    /// <summary>The loop length <c>loop.bars</c> asks for, in beats.</summary>
    public static double LoopBeats(ReadOnlySpan<double> parameters) =>
        BarChoices[Math.Clamp((int)parameters[(int)ParameterId.LoopBars], 0, BarChoices.Length - 1)] * (double)BeatsPerBar;

    /// <summary>Thread: the hop stage's. Records the encoder's latent and acts on the loop's switches.</summary>
    public void Record(ReadOnlySpan<float> encoded, ReadOnlySpan<double> parameters, in TempoState tempo)
    {
        encoded.CopyTo(_encoded);
        encoded.CopyTo(_ring.AsSpan((int)(_recorded % _capacity) * _dimensions, _dimensions));
        _recorded++;
        _on = parameters[(int)ParameterId.Loop] >= 0.5;
        _encodeOn = parameters[(int)ParameterId.Encode] >= 0.5;

        double count = parameters[(int)ParameterId.LoopCapture];
        if (count != _captureCount)
        {
            _captureCount = count;
            Capture(LoopBeats(parameters), tempo);
        }

        // A pattern (or the raw capture asked back) starts at a bar line, so the form stays on the band's grid; with
        // the transport stopped there is no grid and it starts now.
        long bar = (long)Math.Floor((tempo.Beats + 1e-9) / BeatsPerBar);
        bool barLine = !tempo.Running || bar != _lastBar || _playing is null;
        _lastBar = bar;
        if (barLine && _wantCapture)
        {
            _wantCapture = false;
            if (!ReferenceEquals(_playing, _capture) && _capture.Frames > 0)
            {
                Switch(_capture);
            }
        }
        else if (barLine && Volatile.Read(ref _offered) is not null)
        {
            Switch(Interlocked.Exchange(ref _offered, null));
        }
    }

    /// <summary>Thread: the hop stage's. The loop's latent while it plays (crossfaded at every change); false otherwise.</summary>
    public bool TryRead(long frame, in TempoState tempo, Span<float> latent)
    {
        bool playing = _on && _playing is not null && _playing.TryRead(frame, tempo, _target);
        if (playing != _wasPlaying)
        {
            _last.CopyTo(_from, 0);
            _fadeLeft = FadeFrames;
            _wasPlaying = playing;
        }

        if (!playing)
        {
            // What the hop stage plays without the loop: the encoder's latent, or silence with encode off.
            if (_encodeOn)
            {
                _encoded.CopyTo(_target, 0);
            }
            else
            {
                Array.Clear(_target);
            }
        }

        Publish(tempo);
        if (_fadeLeft > 0)
        {
            float t = 1f - (_fadeLeft / (float)(FadeFrames + 1));
            for (int d = 0; d < _dimensions; d++)
            {
                latent[d] = _from[d] + (t * (_target[d] - _from[d]));
            }

            _fadeLeft--;
            latent.CopyTo(_last);
            return true;
        }

        _target.CopyTo(_last, 0);
        if (!playing)
        {
            return false;
        }

        _target.CopyTo(latent);
        return true;
    }

    /// <summary>
    /// Thread: control. The latest capture, once, as a (frames x dimensions) array with its loop length and start
    /// beat; false when there is no new one, or one is being written right now (the next tick gets it).
    /// </summary>
    public bool TryTakeCapture(ref int seen, out LatentArray? capture, out double loopBeats, out double startBeat)
    {
        capture = null;
        loopBeats = startBeat = 0;
        int before = Volatile.Read(ref _sequence);
        if (before == seen || (before & 1) != 0)
        {
            return false;
        }

        int frames = _publishedFrames;
        loopBeats = _publishedBeats;
        startBeat = _publishedStart;
        var values = new double[frames * _dimensions];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = _published[i];
        }

        if (Volatile.Read(ref _sequence) != before)
        {
            return false; // another capture landed while copying: take that one next tick
        }

        seen = before;
        capture = new LatentArray(frames, _dimensions, values);
        return true;
    }

    /// <summary>Thread: control. Plays <paramref name="pattern"/> from the next bar line (it replaces one still waiting).</summary>
    public void Offer(LatentLoopSource pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Dimensions != _dimensions)
        {
            throw new ArgumentException($"the pattern has {pattern.Dimensions} dimensions, the model {_dimensions}", nameof(pattern));
        }

        _wantCapture = false;
        Volatile.Write(ref _offered, pattern);
        _hasMaterial = true;
    }

    /// <summary>Thread: control. Back to the capture as played, from the next bar line.</summary>
    public void PlayCapture()
    {
        _ = Interlocked.Exchange(ref _offered, null);
        _wantCapture = true;
    }

    private void Capture(double loopBeats, in TempoState tempo)
    {
        long available = Math.Min(_recorded, _capacity);
        double framesPerBeat = 60.0 / Math.Max(tempo.Bpm, TempoClock.MinBpm) * _rate;
        int frames = (int)Math.Clamp(Math.Round(loopBeats * framesPerBeat), 1, available);

        // Running: the bars that end on the bar line just passed (a player stamps on the one, just after it). Too
        // little history for that, or no transport: the frames that end now.
        long end = _recorded;
        double barBeat = Math.Floor((tempo.Beats + 1e-9) / BeatsPerBar) * BeatsPerBar;
        int sinceBar = (int)Math.Round((tempo.Beats - barBeat) * framesPerBeat);
        if (tempo.Running && frames + sinceBar + 1 <= available)
        {
            end -= sinceBar + 1; // this hop (just recorded) and the ones since the bar line are the next bar's
        }

        long start = end - frames;
        int first = (int)(start % _capacity);
        int firstFrames = Math.Min(frames, _capacity - first);
        ReadOnlySpan<float> a = _ring.AsSpan(first * _dimensions, firstFrames * _dimensions);
        ReadOnlySpan<float> b = _ring.AsSpan(0, (frames - firstFrames) * _dimensions);
        double startBeat = tempo.Running ? barBeat - loopBeats : 0;
        _capture.Load(a, b, loopBeats, startBeat);
        _ = Interlocked.Exchange(ref _offered, null); // a pattern of the old capture is not this one's
        _wantCapture = false;
        Switch(_capture);

        Interlocked.Increment(ref _sequence);
        a.CopyTo(_published);
        b.CopyTo(_published.AsSpan(a.Length));
        _publishedFrames = frames;
        _publishedBeats = loopBeats;
        _publishedStart = startBeat;
        Interlocked.Increment(ref _sequence);
        _hasMaterial = true;
    }

    // The first capture of a process allocated 112 B on the hop stage's thread (the runtime's one-off work the first
    // time this path runs); running it once here, on the constructing thread, leaves the hop stage none. Then
    // everything it touched is as new.
    private void WarmCapture()
    {
        var parameters = new double[ParameterTable.Count];
        parameters[(int)ParameterId.LoopCapture] = 1;
        Record(_encoded, parameters, new TempoState(120, true, BeatsPerBar + 0.5));
        _captureCount = 0;
        _lastBar = long.MinValue;
        _recorded = 0;
        _sequence = 0;
        _publishedFrames = 0;
        _playing = null;
        _hasMaterial = false;
        _fadeLeft = 0;
    }

    // A new source starts with a crossfade from what played last.
    private void Switch(ILatentSource? next)
    {
        if (ReferenceEquals(next, _playing))
        {
            return;
        }

        _playing = next;
        _last.CopyTo(_from, 0);
        _fadeLeft = _wasPlaying ? FadeFrames : 0;
    }

    private void Publish(in TempoState tempo)
    {
        _playingNow = _on && _playing is not null;
        if (_playing is LatentLoopSource loop)
        {
            Volatile.Write(ref _phase, tempo.Running ? loop.Phase(tempo.Beats) : 0);
            Volatile.Write(ref _bars, loop.LoopBeats / BeatsPerBar);
        }
    }
}
