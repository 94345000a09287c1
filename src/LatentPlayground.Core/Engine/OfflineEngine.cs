using LatentPlayground.Core.Realtime;
using LatentPlayground.Core.Tempo;

namespace LatentPlayground.Core.Engine;

/// <summary>
/// The whole effect on one thread, as <c>render</c> runs it: the hop stage runs synchronously the moment a
/// hop of input is complete, and the sample stage reads its output one hop later. The live engine runs
/// the same two stages on two threads with a longer, fixed wet delay; nothing else differs.
/// Thread: one owner, except <see cref="Post"/>, which one other thread may call.
/// Sized in the constructor; <see cref="Process"/> never allocates.
/// </summary>
public sealed class OfflineEngine
{
    private readonly HopStage _hopStage;
    private readonly SampleStage _sampleStage;
    private readonly ParameterTargets _targets = new();
    private readonly EngineInbox _inbox = new(readers: 1);
    private readonly EngineInbox.InboxReader _changes;
    private readonly SwitchStaging _switch = new();
    private long _hopIndex;
    private long _switchHop = -1;
    private readonly int _channels;
    private readonly int _hop;
    private readonly float[] _hopInput;
    private float[] _decodedPrevious;
    private float[] _decodedNext;
    private int _fill;

    public OfflineEngine(IStreamingCodec codec, int channels, double bpm = 120, bool transportRunning = false)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        _channels = channels;
        _changes = _inbox.Reader(0);
        _hop = codec.Hop;
        _hopStage = new HopStage(codec);
        _sampleStage = new SampleStage(codec.SampleRate, channels, codec.Hop + codec.LatencySamples);
        _hopInput = new float[_hop];
        _decodedPrevious = new float[_hop];
        _decodedNext = new float[_hop];
        Tempo = new TempoClock(codec.SampleRate, bpm);
        if (transportRunning)
        {
            Tempo.Start();
        }
    }

    /// <summary>Samples from an input sample to its wet sample at the output, and the dry alignment delay.</summary>
    public int LatencySamples => _sampleStage.Latency;

    public int Channels => _channels;

    public int SampleRate => _hopStage.Codec.SampleRate;

    public TempoClock Tempo { get; }

    public HopStage HopStage => _hopStage;

    /// <summary>Called with z' after every hop.</summary>
    public LatentObserver? LatentObserver { get; set; }

    /// <summary>Queues a parameter change for the next block boundary. Returns false if the queue is full.</summary>
    public bool Post(in ParameterChange change) => _inbox.Post(change);

    /// <summary>
    /// Queues a glitch-free switch to <paramref name="values"/> (indexed by <see cref="Parameters.ParameterId"/>),
    /// as a preset recall does: see <see cref="ParameterChange.Switch"/>. Returns false if the inbox is full.
    /// </summary>
    public bool PostSwitch(ReadOnlySpan<double> values) => _inbox.PostSwitch(values);

    /// <summary>Applies every queued change now, with no fades: for the state a render starts from.</summary>
    public void ApplyPendingImmediately()
    {
        Drain();
        if (_switch.Ready)
        {
            _targets.CopyFrom(_switch.Targets);
            _switch.Committed();
            _switchHop = -1;
        }

        _sampleStage.Apply(_targets.Values, immediately: true);
    }

    /// <summary>Processes interleaved audio.</summary>
    public void Process(ReadOnlySpan<float> input, Span<float> output, int frames)
    {
        Drain();
        if (!_sampleStage.SwitchPending)
        {
            _sampleStage.Apply(_targets.Values);
        }

        int f = 0;
        while (f < frames)
        {
            int n = Math.Min(frames - f, _hop - _fill);
            ReadOnlySpan<float> block = input.Slice(f * _channels, n * _channels);
            Downmix(block, _hopInput.AsSpan(_fill, n));
            _sampleStage.Process(block, _decodedPrevious.AsSpan(_fill, n), output.Slice(f * _channels, n * _channels), n);
            _fill += n;
            f += n;

            if (_fill == _hop)
            {
                if (_switchHop >= 0 && _hopIndex >= _switchHop)
                {
                    CommitSwitch();
                }

                _hopStage.Process(_hopInput, _decodedNext, _targets.Values, Tempo.State);
                LatentObserver?.Invoke(_hopStage.Frame - 1, _hopStage.Latent);
                Tempo.Advance(_hop);
                (_decodedPrevious, _decodedNext) = (_decodedNext, _decodedPrevious);
                _fill = 0;
                _hopIndex++;
            }
        }
    }

    private void Drain()
    {
        while (_changes.TryTake(out ParameterChange change))
        {
            if (_switch.Offer(change, _targets, _changes))
            {
                if (_switch.Ready)
                {
                    ScheduleSwitch();
                }
            }
            else
            {
                // As live: a change after a switch still waiting for its hop also goes into the switch's values,
                // or the switch's commit would undo it.
                _switch.FollowIfStaged(change);
                if (_targets.Apply(change))
                {
                    _hopStage.Trigger();
                }
            }
        }
    }

    // The new settings start with the hop being filled now, whose decoded audio reaches the sample stage
    // one hop after it: if that leaves less than a fade before it leaves the limiter, a later hop.
    private void ScheduleSwitch()
    {
        long frame = _sampleStage.Frame;
        long hop = _hopIndex;
        long firstNewFrame = (hop + 1) * _hop;
        while (firstNewFrame + _sampleStage.LimiterLookahead - frame < _sampleStage.LateFadeSamples)
        {
            hop++;
            firstNewFrame += _hop;
        }

        _switchHop = hop;
        _sampleStage.ScheduleSwitch(firstNewFrame, _switch.Targets.Values);
    }

    // A recalled preset restarts its modulators from their seeded start, so it sounds the same every time.
    private void CommitSwitch()
    {
        _targets.CopyFrom(_switch.Targets);
        _switch.Committed();
        _switchHop = -1;
        _hopStage.Trigger();
        _hopStage.SnapNextHop();
    }

    // The model is mono: average the channels, so a stereo source keeps its level.
    private void Downmix(ReadOnlySpan<float> interleaved, Span<float> mono)
    {
        if (_channels == 1)
        {
            interleaved.CopyTo(mono);
            return;
        }

        float scale = 1f / _channels;
        for (int i = 0; i < mono.Length; i++)
        {
            float sum = 0;
            for (int c = 0; c < _channels; c++)
            {
                sum += interleaved[(i * _channels) + c];
            }

            mono[i] = sum * scale;
        }
    }
}
