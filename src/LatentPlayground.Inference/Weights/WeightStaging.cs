using LatentPlayground.Core.Realtime;

namespace LatentPlayground.Inference.Weights;

/// <summary>
/// Hands bent layers from the control side to the thread that runs the graphs, without locks and without a hop
/// ever reading half-written weights. Each layer of <see cref="LiveWeights"/> has one staging buffer, sized at
/// construction. The control side fills a free buffer (<see cref="TryStage"/>) and publishes it
/// (<see cref="Publish"/>); the graph thread, before its next run, copies every published buffer into the live
/// weights (<see cref="ApplyPending"/>) and frees it. A layer whose buffer is still waiting for that copy cannot be
/// staged again: the caller keeps its newer values and tries at its next tick (latest wins), which also bounds the
/// copying to one per layer per hop.
/// Threads: <see cref="TryStage"/> and <see cref="Publish"/> on one producer (the control thread);
/// <see cref="ApplyPending"/> on the graph thread (inference), allocation-free.
/// </summary>
public sealed class WeightStaging
{
    private const int Free = 0;
    private const int Writing = 1;
    private const int Published = 2;

    private readonly LiveWeights _live;
    private readonly float[][] _buffers;
    private readonly int[] _states;
    private readonly SpscQueue<int> _published;

    public WeightStaging(LiveWeights live)
    {
        ArgumentNullException.ThrowIfNull(live);
        _live = live;
        _buffers = new float[live.Layers.Count][];
        for (int i = 0; i < _buffers.Length; i++)
        {
            _buffers[i] = new float[live.Layers[i].Count];
        }

        _states = new int[_buffers.Length];
        _published = new SpscQueue<int>(Math.Max(2, _buffers.Length));
    }

    public LiveWeights Live => _live;

    /// <summary>Values copied into the live weights so far (for the per-hop cost). Thread: graph thread.</summary>
    public long CopiedValues { get; private set; }

    /// <summary>
    /// Thread: control. The staging buffer of <paramref name="layer"/> to write a whole new layer into, or false when
    /// its previous values have not reached the graph yet.
    /// </summary>
    public bool TryStage(int layer, out Span<float> buffer)
    {
        if (Volatile.Read(ref _states[layer]) != Free)
        {
            buffer = default;
            return false;
        }

        _states[layer] = Writing;
        buffer = _buffers[layer];
        return true;
    }

    /// <summary>Thread: control. The buffer staged by <see cref="TryStage"/> is whole: the graph takes it before its next run.</summary>
    public void Publish(int layer)
    {
        if (_states[layer] != Writing)
        {
            throw new InvalidOperationException($"layer {layer} was not staged");
        }

        Volatile.Write(ref _states[layer], Published);
        bool queued = _published.TryEnqueue(layer);
        System.Diagnostics.Debug.Assert(queued, "one entry per layer at most, and the queue holds every layer");
    }

    /// <summary>True when every published layer has reached the graph. Thread: control.</summary>
    public bool Idle => _published.Count == 0;

    /// <summary>Thread: the graph thread, between two runs. Copies every published layer into the live weights.</summary>
    public void ApplyPending()
    {
        while (_published.TryDequeue(out int layer))
        {
            float[] staged = _buffers[layer];
            staged.CopyTo(_live.Values(layer));
            CopiedValues += staged.Length;
            Volatile.Write(ref _states[layer], Free);
        }
    }
}
