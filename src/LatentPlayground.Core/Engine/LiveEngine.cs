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
/// fades to the aligned dry signal before the decoded audio runs out, and back once it returns: the
/// output never jumps and the stream never shifts.
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
    private readonly SpscQueue<ParameterChange> _audioChanges = new(1024);
    private readonly ParameterTargets _audioTargets = new();
    private readonly SwitchStaging _audioSwitch = new();
    private readonly SpscQueue<long> _switchHops = new(16);
    private readonly StreamRing _inputRing;
    private readonly float[] _mono;
    private readonly float[] _decoded;
    private long _audioPosition;
    private bool _wetAvailable = true;
    private long _presentSince = long.MinValue / 2;
    private long _lateHops;

    // Inference thread's state.
    private readonly SpscQueue<ParameterChange> _hopChanges = new(1024);
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
    /// <param name="budgetSamples">Time the inference thread has for a hop beyond the hop itself, in samples; the last fade's worth of it is spent fading to dry when a hop is late.</param>
    public LiveEngine(IStreamingCodec codec, int channels, int maxPeriodFrames, int budgetSamples)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPeriodFrames, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(budgetSamples);
        _channels = channels;
        _sampleStage = new SampleStage(codec.SampleRate, channels, codec.Hop + budgetSamples + codec.LatencySamples);
        int minimumBudget = _sampleStage.LateFadeSamples + maxPeriodFrames;
        if (budgetSamples < minimumBudget)
        {
            throw new ArgumentOutOfRangeException(nameof(budgetSamples), budgetSamples,
                $"the inference budget must cover at least a fade and a period ({minimumBudget} samples), or every hop is late");
        }

        _hop = codec.Hop;
        _maxPeriod = maxPeriodFrames;
        BudgetSamples = budgetSamples;
        WetDelaySamples = codec.Hop + budgetSamples;
        _hopStage = new HopStage(codec);
        _inputRing = new StreamRing(RingHops * codec.Hop);
        _decodedRing = new StreamRing((RingHops * codec.Hop) + budgetSamples + maxPeriodFrames);
        _mono = new float[maxPeriodFrames];
        _decoded = new float[maxPeriodFrames];
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

    /// <summary>The engine's latency from input to wet output (and the dry alignment delay), excluding the sound card's buffers.</summary>
    public int LatencySamples => _sampleStage.Latency;

    public int Channels => _channels;

    public int SampleRate => _hopStage.Codec.SampleRate;

    /// <summary>The transport the modulators follow. Thread: the inference thread (or before starting).</summary>
    public TempoClock Tempo { get; }

    /// <summary>Thread: the audio thread (a snapshot from others). Late-hop events so far.</summary>
    public long LateHops => Interlocked.Read(ref _lateHops);

    /// <summary>Thread: control. Queues a change for both threads; false if either queue is full.</summary>
    public bool Post(in ParameterChange change) => _hopChanges.TryEnqueue(change) & _audioChanges.TryEnqueue(change);

    /// <summary>
    /// Thread: control. Queues a glitch-free switch to <paramref name="values"/> (indexed by
    /// <see cref="Parameters.ParameterId"/>), as a preset recall does; false if a queue was full.
    /// </summary>
    public bool PostSwitch(ReadOnlySpan<double> values)
    {
        bool ok = Post(ParameterChange.BeginSwitch);
        // An index loop: enumerating the table through its interface would box an enumerator per switch.
        for (int i = 0; i < Parameters.ParameterTable.Count; i++)
        {
            Parameters.ParameterDescriptor d = Parameters.ParameterTable.Get((Parameters.ParameterId)i);
            if (d.Kind != Parameters.ParameterKind.Action)
            {
                ok &= Post(new ParameterChange(d.Id, values[(int)d.Id]));
            }
        }

        return Post(ParameterChange.EndSwitch) && ok;
    }

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

    /// <summary>Thread: before the threads start. Applies queued changes at once, with no fades.</summary>
    public void ApplyPendingImmediately()
    {
        while (_audioChanges.TryDequeue(out ParameterChange change))
        {
            if (!_audioSwitch.Offer(change, _audioTargets))
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

        // Decide a fade's length ahead: the fade to dry must finish while decoded audio is still there.
        // Coming back, wait until the limiter's look-ahead holds only real audio again, not the gap's
        // silence, so the fade-in does not start on a hole.
        if (!present)
        {
            _presentSince = _audioPosition + frames;
        }

        long neededUntil = start + frames + _sampleStage.LateFadeSamples;
        bool settled = _audioPosition - _presentSince >= _sampleStage.LimiterLookahead;
        bool available = present && settled && (neededUntil <= 0 || _decodedRing.Written >= neededUntil);
        if (available != _wetAvailable)
        {
            _wetAvailable = available;
            _sampleStage.SetWetAvailable(available);
            if (!available)
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

    private bool ReadDecoded(long start, Span<float> decoded)
    {
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

        decoded.Clear();
        return false;
    }

    private void DrainAudio(int frames)
    {
        while (_audioChanges.TryDequeue(out ParameterChange change))
        {
            if (!_audioSwitch.Offer(change, _audioTargets))
            {
                _audioTargets.Apply(change);
            }
            else if (_audioSwitch.Ready)
            {
                ScheduleSwitch(frames);
            }
        }
    }

    // The first hop the inference thread cannot have started once this period's input is written: its
    // decoded audio plays a wet delay later, more than a fade ahead (the budget covers a fade and a
    // period), so the sample stage can dip to dry across it. The inference thread learns the hop
    // through its own queue before that hop's input is complete.
    private void ScheduleSwitch(int frames)
    {
        long hop = (_audioPosition + frames) / _hop;
        _sampleStage.ScheduleSwitch((hop * _hop) + WetDelaySamples - (_audioPosition - _sampleStage.Frame), _audioSwitch.Targets.Values);
        _audioTargets.CopyFrom(_audioSwitch.Targets);
        _audioSwitch.Committed();
        _switchHops.TryEnqueue(hop);
    }

    private void DrainHop()
    {
        while (_hopChanges.TryDequeue(out ParameterChange change))
        {
            if (_hopSwitch.Offer(change, _hopTargets))
            {
                continue;
            }

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
