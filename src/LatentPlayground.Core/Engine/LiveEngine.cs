using System.Diagnostics;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Realtime;
using LatentPlayground.Core.Tempo;

namespace LatentPlayground.Core.Engine;

/// <summary>
/// The engine as the pedal runs it on stage: the same <see cref="HopStage"/> and <see cref="SampleStage"/>
/// as <see cref="OfflineEngine"/>, split over two threads. The audio thread pushes input into a ring and
/// reads decoded audio <see cref="WetDelaySamples"/> behind (one hop plus the inference budget); the
/// inference thread runs a hop whenever one is complete. When a hop is not back in time, the wet signal
/// fades to the aligned dry signal and back once it returns: the output never jumps and the stream never
/// shifts. With a budget of at least a fade and a period, the fade is decided a fade ahead, over decoded
/// audio that is still there. With a shorter budget (a measured one is a period or two) the decoded audio
/// runs out first: the engine then continues it, for the length of the fade, with its own last samples
/// played backwards (a mirror at the last real sample, so neither the value nor the size of any step
/// changes) while it fades to dry, and counts a late hop.
/// A model swap runs two engines side by side (<see cref="SwappableEngine"/>): the old one dips to dry for
/// good (<see cref="BeginRetire"/>), the new one starts on dry and fades in once released (<see cref="HoldWet"/>,
/// <see cref="ReleaseWet"/>); neither counts that as a late hop.
/// Threads: <see cref="ProcessPeriod"/> on the audio thread only; <see cref="TryProcessHop"/> on the
/// inference thread only; <see cref="Post"/> and <see cref="ReadSnapshot"/> on one control thread.
/// Sized in the constructor: nothing allocates afterwards.
/// </summary>
public sealed class LiveEngine
{
    private const int RingHops = 8;

    private readonly HopStage _hopStage;
    private readonly SampleStage _sampleStage;
    private readonly int _channels;
    private readonly int _hop;
    private readonly int _maxPeriod;

    // Audio thread's state.
    private readonly EngineInbox _inbox = new(readers: 2);
    private readonly EngineInbox.InboxReader _audioChanges;
    private readonly ParameterTargets _audioTargets = new();
    private readonly SwitchStaging _audioSwitch = new();
    private readonly SpscQueue<long> _switchHops = new(16);
    private readonly StreamRing _inputRing;
    private readonly float[] _mono;
    private readonly float[] _decoded;
    private readonly float[] _mirror;
    private readonly bool _decideAhead;
    private long _audioPosition;
    private bool _wetAvailable = true;
    private long _presentSince = long.MinValue / 2;
    private long _lateHops;
    private bool _concealing;
    private long _concealFrom;
    private long _concealUntil;
    private bool _retiring;
    private bool _wetHeld;

    // Inference thread's state.
    private readonly EngineInbox.InboxReader _hopChanges;
    private readonly ParameterTargets _hopTargets = new();
    private readonly SwitchStaging _hopSwitch = new();
    private long _hopSwitchAt = -1;
    private readonly StreamRing _decodedRing;
    private readonly float[] _hopInput;
    private readonly float[] _hopOutput;
    private readonly SnapshotPublisher<EngineSnapshot> _snapshots = new();
    private readonly SnapshotPublisher<ExternalClock> _externalClock = new();
    private readonly SnapshotPublisher<SampleClock> _sampleClock = new();
    private EngineSnapshot _snapshot;
    private long _hopIndex;

    /// <param name="codec">The model, used by the inference thread only.</param>
    /// <param name="channels">Interleaved channels the audio thread passes.</param>
    /// <param name="maxPeriodFrames">Largest period the audio thread will pass.</param>
    /// <param name="budgetSamples">
    /// How long after a hop's last sample its decoded audio may arrive, in samples (see <see cref="InferenceBudget"/>).
    /// At least a fade and a period: a late hop's fade is decided ahead, over real decoded audio. Shorter
    /// (down to 0, when the hop is a whole number of periods): the fade continues the decoded audio by
    /// reflection. Either way the output never jumps.
    /// </param>
    /// <summary>This engine's latent looper (on its hop stage): the control thread takes captures and offers patterns.</summary>
    public Latents.LatentLooper Looper { get; }

    public LiveEngine(IStreamingCodec codec, int channels, int maxPeriodFrames, int budgetSamples)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPeriodFrames, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(budgetSamples);
        _channels = channels;
        _audioChanges = _inbox.Reader(0);
        _hopChanges = _inbox.Reader(1);
        _sampleStage = new SampleStage(codec.SampleRate, channels, codec.Hop + budgetSamples + codec.LatencySamples);
        _decideAhead = budgetSamples >= _sampleStage.LateFadeSamples + maxPeriodFrames;

        _hop = codec.Hop;
        _maxPeriod = maxPeriodFrames;
        BudgetSamples = budgetSamples;
        WetDelaySamples = codec.Hop + budgetSamples;
        _hopStage = new HopStage(codec);
        // The looper is sized for this model (its latent size and rate) and records from the first hop, so a capture
        // finds the bars just played; it plays only while the loop parameter is on.
        Looper = new Latents.LatentLooper(codec.LatentSize, codec.SampleRate / (double)codec.Hop);
        _hopStage.LatentSource = Looper;
        _inputRing = new StreamRing(RingHops * codec.Hop);

        // The decoded ring also keeps the fade's worth of history that a concealment plays backwards.
        int concealHistory = _sampleStage.LateFadeSamples + _sampleStage.LimiterLookahead + maxPeriodFrames;
        _decodedRing = new StreamRing((RingHops * codec.Hop) + budgetSamples + maxPeriodFrames + concealHistory);
        _mono = new float[maxPeriodFrames];
        _decoded = new float[maxPeriodFrames];
        _mirror = new float[maxPeriodFrames];
        _hopInput = new float[codec.Hop];
        _hopOutput = new float[codec.Hop];
        Tempo = new TempoClock(codec.SampleRate);

        // Published once before any hop, so a display drawn before the first hop already knows which of
        // its eight bars the model has.
        _snapshot.LatentSize = codec.LatentSize;
        _snapshots.Publish(_snapshot);
    }

    /// <summary>How far behind the input the audio thread reads decoded audio: one hop plus the budget.</summary>
    public int WetDelaySamples { get; }

    public int BudgetSamples { get; }

    /// <summary>The model's hop.</summary>
    public int Hop => _hop;

    /// <summary>The model's own latency (beyond the hop of buffering).</summary>
    public int ModelLatencySamples => _hopStage.Codec.LatencySamples;

    /// <summary>The largest period the engine was sized for.</summary>
    public int MaxPeriodFrames => _maxPeriod;

    /// <summary>Length of the late-hop fade (and of a preset switch's dip), in samples.</summary>
    public int FadeSamples => _sampleStage.LateFadeSamples;

    /// <summary>The model the hop stage runs.</summary>
    public IStreamingCodec Codec => _hopStage.Codec;

    /// <summary>Thread: audio. Frames passed through <see cref="ProcessPeriod"/> so far.</summary>
    public long Frame => _audioPosition;

    /// <summary>
    /// Thread: inference. The stream position of the next hop's first sample: where <see cref="Tempo"/> stands
    /// (a model swap hands the transport over from there).
    /// </summary>
    public long HopPosition => _hopIndex * _hop;

    /// <summary>The engine's latency from input to wet output (and the dry alignment delay), excluding the sound card's buffers.</summary>
    public int LatencySamples => _sampleStage.Latency;

    public int Channels => _channels;

    public int SampleRate => _hopStage.Codec.SampleRate;

    /// <summary>The transport the modulators follow. Thread: the inference thread (or before starting).</summary>
    public TempoClock Tempo { get; }

    /// <summary>Thread: the audio thread (a snapshot from others). Late-hop events so far.</summary>
    public long LateHops => Interlocked.Read(ref _lateHops);

    /// <summary>
    /// Thread: control. Queues a change for both threads, or, when either queue is full, for neither (false): the
    /// two sides never disagree about a parameter.
    /// </summary>
    public bool Post(in ParameterChange change) => _inbox.Post(change);

    /// <summary>
    /// Thread: control. Queues a glitch-free switch to <paramref name="values"/> (indexed by
    /// <see cref="Parameters.ParameterId"/>), as a preset recall does: one message to each thread, pointing at a
    /// preallocated snapshot. False, and nothing queued, when the inbox is full.
    /// </summary>
    public bool PostSwitch(ReadOnlySpan<double> values) => _inbox.PostSwitch(values);

    /// <summary>Thread: control. True when a change (or, with <paramref name="withSwitch"/>, a switch) would be queued now.</summary>
    public bool HasRoom(bool withSwitch = false) => _inbox.HasRoom(1, withSwitch);

    /// <summary>
    /// Thread: control. Hands the engine the outside clock to follow (MIDI), or stops following one
    /// (<see cref="ExternalClock.Enabled"/> false: back to the engine's own clock at its tempo).
    /// </summary>
    public void SetExternalClock(in ExternalClock clock) => _externalClock.Publish(clock);

    /// <summary>Thread: control. The latest counters and latent, without locking the engine.</summary>
    public EngineSnapshot ReadSnapshot()
    {
        EngineSnapshot s = _snapshots.Read();
        s.LateHops = LateHops;
        return s;
    }

    /// <summary>
    /// The value the hop stage holds for <paramref name="id"/>, i.e. what arrived through the queue.
    /// Thread: the inference thread, or any thread before the threads start (after <see cref="ApplyPendingImmediately"/>).
    /// </summary>
    public double HopTarget(ParameterId id) => _hopTargets.Values[(int)id];

    /// <summary>
    /// The value the audio side holds for <paramref name="id"/>. Thread: the audio thread, or any thread before the
    /// threads start (after <see cref="ApplyPendingImmediately"/>).
    /// </summary>
    public double AudioTarget(ParameterId id) => _audioTargets.Values[(int)id];

    /// <summary>Thread: before the threads start. Applies queued changes at once, with no fades.</summary>
    public void ApplyPendingImmediately()
    {
        while (_audioChanges.TryTake(out ParameterChange change))
        {
            if (!_audioSwitch.Offer(change, _audioTargets, _audioChanges))
            {
                _audioTargets.Apply(change);
            }
            else if (_audioSwitch.Ready)
            {
                _audioTargets.CopyFrom(_audioSwitch.Targets);
                _audioSwitch.Committed();
            }
        }

        _sampleStage.Apply(_audioTargets.Values, immediately: true);
        DrainHop();
        if (_hopSwitch.Ready)
        {
            _hopTargets.CopyFrom(_hopSwitch.Targets);
            _hopSwitch.Committed();
        }
    }

    /// <summary>
    /// Thread: audio. From the next <see cref="ProcessPeriod"/> on, the wet signal dips to the aligned dry signal for
    /// good (the late-hop fade), without counting a late hop: a model swap retires this engine.
    /// </summary>
    public void BeginRetire() => _retiring = true;

    /// <summary>
    /// Thread: before the engine runs (the worker that builds it). The engine starts on the dry signal (wet
    /// fully faded out), and stays there until <see cref="ReleaseWet"/>: an engine that joins a running stream.
    /// </summary>
    public void HoldWet()
    {
        _wetHeld = true;
        _wetAvailable = false;
        _sampleStage.SetWetAvailable(false, immediately: true);
    }

    /// <summary>Thread: audio. The wet signal fades in as soon as its decoded audio is there (no late hop is counted).</summary>
    public void ReleaseWet() => _wetHeld = false;

    /// <summary>Thread: audio. Processes one period of interleaved audio. Never blocks, allocates or waits.</summary>
    public void ProcessPeriod(ReadOnlySpan<float> input, Span<float> output, int frames)
    {
        if ((uint)frames > (uint)_maxPeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(frames), frames, "period is larger than the engine was sized for");
        }

        // The monotonic time of this period's first frame, for the inference thread's outside-clock tempo.
        _sampleClock.Publish(new SampleClock(_audioPosition, Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency));
        DrainAudio(frames);
        if (!_sampleStage.SwitchPending)
        {
            _sampleStage.Apply(_audioTargets.Values);
        }

        Span<float> mono = _mono.AsSpan(0, frames);
        Downmix(input[..(frames * _channels)], mono, _channels);
        _inputRing.Write(mono);

        Span<float> decoded = _decoded.AsSpan(0, frames);
        long start = _audioPosition - WetDelaySamples;
        bool present = ReadDecoded(start, decoded);

        // With a budget that covers it, decide a fade's length ahead: the fade to dry finishes while decoded
        // audio is still there. (Otherwise a missing hop is concealed above while the fade runs.) Coming
        // back, wait until the limiter's look-ahead holds only real audio again, not the gap's concealment
        // or silence, so the fade-in does not start on a hole.
        if (!present)
        {
            _presentSince = _audioPosition + frames;
        }

        long neededUntil = start + frames + _sampleStage.LateFadeSamples;
        bool settled = _audioPosition - _presentSince >= _sampleStage.LimiterLookahead;
        bool ahead = !_decideAhead || neededUntil <= 0 || _decodedRing.Written >= neededUntil;
        bool available = present && settled && ahead && !_retiring && !_wetHeld;
        if (available != _wetAvailable)
        {
            _wetAvailable = available;
            _sampleStage.SetWetAvailable(available);
            if (!available && !_retiring && !_wetHeld)
            {
                Interlocked.Increment(ref _lateHops);
            }
        }

        _sampleStage.Process(input, decoded, output, frames);
        _audioPosition += frames;
    }

    /// <summary>
    /// Thread: inference. Runs the next hop if its input is complete; returns false when there is nothing
    /// to do yet. If the thread fell so far behind that the input was overwritten, it jumps to the newest
    /// complete hop (the audio thread has long faded to dry by then).
    /// </summary>
    public bool TryProcessHop()
    {
        long start = _hopIndex * _hop;
        long written = _inputRing.Written;
        if (written < start + _hop)
        {
            return false;
        }

        if (!_inputRing.TryRead(start, _hopInput))
        {
            long newest = (written / _hop) - 1;
            _snapshot.SkippedHops += newest - _hopIndex;
            Tempo.Advance((int)Math.Min(int.MaxValue, (newest - _hopIndex) * _hop));
            _hopIndex = newest;
            return true;
        }

        long began = Stopwatch.GetTimestamp();
        DrainHop();
        if (_hopSwitch.Ready && _hopSwitchAt >= 0 && _hopIndex >= _hopSwitchAt)
        {
            // A recalled preset restarts its modulators from their seeded start, as render does.
            _hopTargets.CopyFrom(_hopSwitch.Targets);
            _hopSwitch.Committed();
            _hopSwitchAt = -1;
            _hopStage.Trigger();
            _hopStage.SnapNextHop();
        }

        TempoState tempo = HopTempo(start);
        _hopStage.Process(_hopInput, _hopOutput, _hopTargets.Values, tempo);
        _decodedRing.SkipTo(start);
        _decodedRing.Write(_hopOutput);
        Tempo.Advance(_hop);
        _hopIndex++;
        double micros = Stopwatch.GetElapsedTime(began).TotalMicroseconds;

        _snapshot.Hops = _hopIndex;
        _snapshot.WorstHopMicroseconds = Math.Max(_snapshot.WorstHopMicroseconds, micros);
        double load = micros / (_hop * 1e6 / SampleRate);
        _snapshot.Load += 0.1 * (load - _snapshot.Load);
        // The display shows the dimensions the modulators move: the first min(8, L).
        ReadOnlySpan<float> z = _hopStage.Latent;
        LatentVector latent = default;
        for (int i = 0; i < _hopStage.DrivenDimensions; i++)
        {
            latent[i] = z[i];
        }

        _snapshot.Latent = latent;
        _snapshot.Tempo = tempo;

        _snapshots.Publish(_snapshot);
        return true;
    }

    // With an outside clock, the transport as it will be when this hop is heard: its capture time (from
    // the audio thread's latest period stamp) plus the engine's latency. Otherwise the engine's own clock.
    private TempoState HopTempo(long start)
    {
        ExternalClock external = _externalClock.Read();
        if (!external.Enabled)
        {
            return Tempo.State;
        }

        SampleClock clock = _sampleClock.Read();
        double heard = clock.Seconds + ((start - clock.Frame + LatencySamples) / (double)SampleRate);
        return external.Anchor.StateAt(heard);
    }

    // The decoded audio for [start, start + length), true when it is all there. When it is not and the wet
    // signal can still be heard, the concealment begins: see Conceal.
    private bool ReadDecoded(long start, Span<float> decoded)
    {
        if (_concealing)
        {
            if (start < _concealUntil)
            {
                Conceal(start, decoded);
                return false;
            }

            _concealing = false;
        }

        if (start + decoded.Length <= 0)
        {
            // The first hop's decoded audio is not due yet: silence is what the wet path holds.
            decoded.Clear();
            return true;
        }

        int silent = start < 0 ? (int)-start : 0;
        decoded[..silent].Clear();
        if (_decodedRing.TryRead(start + silent, decoded[silent..]))
        {
            return true;
        }

        if (!_sampleStage.WetAudible)
        {
            decoded.Clear();
            return false;
        }

        _concealing = true;
        _concealFrom = Math.Clamp(_decodedRing.Written, Math.Max(start, 0), start + decoded.Length);
        _concealUntil = start + _sampleStage.LateFadeSamples + _sampleStage.LimiterLookahead;
        Conceal(start, decoded);
        return false;
    }

    // The decoded audio ran out at _concealFrom (E) while the wet signal could still be heard: the fade to
    // dry starts now, and until it has finished (a fade, plus the limiter's look-ahead) the wet signal goes
    // on as the mirror image of its own last samples, position E + j playing E - 1 - j. The mirror keeps the
    // value at E and the size of every step, so the fade adds no step of its own; what it plays is the
    // model's own recent sound, backwards, under a fade. Real audio that arrives meanwhile waits for the
    // fade to end (switching to it half-way would step). History the ring no longer holds plays as silence.
    private void Conceal(long start, Span<float> decoded)
    {
        decoded.Clear();
        long end = start + decoded.Length;
        long from = _concealFrom;

        long realFrom = Math.Max(start, 0);
        long realTo = Math.Min(from, end);
        if (realTo > realFrom && !_decodedRing.TryRead(realFrom, decoded.Slice((int)(realFrom - start), (int)(realTo - realFrom))))
        {
            decoded.Slice((int)(realFrom - start), (int)(realTo - realFrom)).Clear();
        }

        long mirrorFrom = Math.Max(start, from);
        long mirrorTo = Math.Min(end, _concealUntil);
        int n = (int)(mirrorTo - mirrorFrom);
        if (n <= 0)
        {
            return;
        }

        long sourceLow = (2 * from) - mirrorTo;
        Span<float> source = _mirror.AsSpan(0, n);
        if (sourceLow < 0 || !_decodedRing.TryRead(sourceLow, source))
        {
            return;
        }

        Span<float> target = decoded.Slice((int)(mirrorFrom - start), n);
        for (int i = 0; i < n; i++)
        {
            target[i] = source[n - 1 - i];
        }
    }

    private void DrainAudio(int frames)
    {
        while (_audioChanges.TryTake(out ParameterChange change))
        {
            if (!_audioSwitch.Offer(change, _audioTargets, _audioChanges))
            {
                _audioSwitch.FollowIfStaged(change);
                _audioTargets.Apply(change);
            }
            else if (_audioSwitch.Ready)
            {
                ScheduleSwitch(frames);
            }
        }
    }

    // The first hop the inference thread cannot have started once this period's input is written, and
    // whose decoded audio plays far enough ahead (a wet delay later) that the sample stage can dip to dry
    // across it: its fade must not start before now. With a short budget and a short hop that is a later
    // hop, as render does. The inference thread learns the hop through its own queue before that hop's
    // input is complete.
    private void ScheduleSwitch(int frames)
    {
        long hop = (_audioPosition + frames) / _hop;
        while ((hop * _hop) + WetDelaySamples + _sampleStage.LimiterLookahead - _sampleStage.LateFadeSamples < _audioPosition)
        {
            hop++;
        }

        _sampleStage.ScheduleSwitch((hop * _hop) + WetDelaySamples - (_audioPosition - _sampleStage.Frame), _audioSwitch.Targets.Values);
        _audioTargets.CopyFrom(_audioSwitch.Targets);
        _audioSwitch.Committed();
        _switchHops.TryEnqueue(hop);
    }

    private void DrainHop()
    {
        while (_hopChanges.TryTake(out ParameterChange change))
        {
            if (_hopSwitch.Offer(change, _hopTargets, _hopChanges))
            {
                continue;
            }

            _hopSwitch.FollowIfStaged(change);
            if (_hopTargets.Apply(change))
            {
                _hopStage.Trigger();
            }
        }

        while (_switchHops.TryDequeue(out long hop))
        {
            _hopSwitchAt = hop;
        }
    }

    private static void Downmix(ReadOnlySpan<float> interleaved, Span<float> mono, int channels)
    {
        if (channels == 1)
        {
            interleaved.CopyTo(mono);
            return;
        }

        float scale = 1f / channels;
        for (int i = 0; i < mono.Length; i++)
        {
            float sum = 0;
            for (int c = 0; c < channels; c++)
            {
                sum += interleaved[(i * channels) + c];
            }

            mono[i] = sum * scale;
        }
    }
}
