namespace LatentPlayground.Core.Bending;

/// <summary>
/// The reference device's bending state machine over a model's bendable layers:
/// <list type="bullet">
/// <item>INIT: the constructor snapshots every layer's original weights (<see cref="Pristine"/>).</item>
/// <item>An edit (<see cref="Edit"/>) makes a pending step on one layer, derived from that layer as it stands
/// (<see cref="Applied"/>); <see cref="PendingValues"/> holds the result.</item>
/// <item>REVERT (<see cref="Revert"/>) drops the pending edit; SET (<see cref="Set"/>) applies it; RECALL
/// (<see cref="Recall"/>) undoes the last SET; RELOAD (<see cref="Reload"/>) goes back to the original model.</item>
/// <item>Live-Mode (<see cref="LiveMode"/>): the pending edit plays at once, re-derived from the layer as it stood
/// at every change of a knob, as the reference device's direct edits do; SET keeps it, REVERT drops it.</item>
/// </list>
/// What the graph should compute with is <see cref="Playing"/>; every layer whose playing values changed is
/// reported once by <see cref="TakeChanged"/>, for the control side to stage. The applied SETs form a replayable
/// <see cref="Bend"/> (<see cref="Steps"/>). An edit re-derives into a buffer sized here (and a layer's draws are
/// kept, so a CHAOS or AMOUNT sweep only re-blends), so a knob sweep allocates nothing after its first tick; a SET
/// keeps a copy of the layer it replaces for RECALL (at most <see cref="UndoDepth"/>).
/// Thread: the control thread, for every member.
/// </summary>
public sealed class BendSession
{
    /// <summary>SETs that RECALL can undo, newest first; older ones stay applied.</summary>
    public const int UndoDepth = 32;

    private readonly string[] _names;
    private readonly float[][] _pristine;
    private readonly float[][] _applied;
    private readonly float[] _pending;
    private readonly bool[] _changed;
    // Each SET (or loaded layer) keeps the layer as it was; AddedStep says whether it also added to Steps, so RECALL
    // of a loaded configuration's layer leaves the steps alone.
    private readonly LinkedList<(int Layer, float[] Before, bool AddedStep)> _undo = new();

    // Per layer, the draws of the law and seed edited last: a CHAOS or AMOUNT sweep then only re-blends (about a
    // millisecond per million weights instead of tens), made on the layer's first DISTRIBUTION edit.
    private readonly BendDraws?[] _draws;

    // Layer copies no longer applied nor kept for RECALL, by length, for the next SET: a set-and-recall session then
    // allocates no megabytes on the control thread (a large layer's copy would land on the large-object heap and
    // bring a full collection, which pauses the audio thread too).
    private readonly Dictionary<int, Stack<float[]>> _spare = [];
    private BendStep? _step;
    private int _pendingLayer = -1;
    private bool _liveMode;

    /// <param name="layers">Each layer's name and its weights now: the snapshot INIT takes (copied).</param>
    public BendSession(IReadOnlyList<(string Name, float[] Weights)> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        _names = new string[layers.Count];
        _pristine = new float[layers.Count][];
        _applied = new float[layers.Count][];
        int largest = 0;
        for (int i = 0; i < layers.Count; i++)
        {
            _names[i] = layers[i].Name;
            _pristine[i] = (float[])layers[i].Weights.Clone();
            _applied[i] = (float[])layers[i].Weights.Clone();
            largest = Math.Max(largest, layers[i].Weights.Length);
        }

        _pending = new float[largest];
        _changed = new bool[layers.Count];
        _draws = new BendDraws?[layers.Count];
        Steps = Bend.Empty;
    }

    public int LayerCount => _names.Length;

    /// <summary>The index of layer <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name) => Array.IndexOf(_names, name);

    public string Name(int layer) => _names[layer];

    /// <summary>The layer as INIT found it.</summary>
    public ReadOnlySpan<float> Pristine(int layer) => _pristine[layer];

    /// <summary>The layer with every SET so far.</summary>
    public ReadOnlySpan<float> Applied(int layer) => _applied[layer];

    /// <summary>The pending edit, if any.</summary>
    public BendStep? Pending => _step;

    /// <summary>The layer the pending edit is on, or -1.</summary>
    public int PendingLayer => _pendingLayer;

    /// <summary>The pending edit's result on its layer (empty when none).</summary>
    public ReadOnlySpan<float> PendingValues => _pendingLayer < 0 ? default : _pending.AsSpan(0, _applied[_pendingLayer].Length);

    /// <summary>The SETs applied since INIT or RELOAD, in order: a bend that replays them on the original model.</summary>
    public Bend Steps { get; private set; }

    /// <summary>SETs that RECALL can still undo.</summary>
    public int UndoCount => _undo.Count;

    /// <summary>When on, the pending edit plays at once; turning it off while an edit is pending puts the layer back.</summary>
    public bool LiveMode
    {
        get => _liveMode;
        set
        {
            if (value != _liveMode && _pendingLayer >= 0)
            {
                _changed[_pendingLayer] = true;
            }

            _liveMode = value;
        }
    }

    /// <summary>What the graph should compute layer <paramref name="layer"/> with now.</summary>
    public ReadOnlySpan<float> Playing(int layer) => _liveMode && layer == _pendingLayer ? PendingValues : _applied[layer];

    /// <summary>
    /// Makes <paramref name="step"/> the pending edit (replacing any other), derived from its layer as applied.
    /// Allocation-free: a knob may call it at every control tick.
    /// </summary>
    /// <exception cref="ArgumentException">The model has no layer of that name.</exception>
    public void Edit(in BendStep step)
    {
        int layer = IndexOf(step.LayerName);
        if (layer < 0)
        {
            throw new ArgumentException($"the model has no layer \"{step.LayerName}\"", nameof(step));
        }

        if (_liveMode && _pendingLayer >= 0 && _pendingLayer != layer)
        {
            _changed[_pendingLayer] = true; // the other layer stops playing its edit
        }

        _pendingLayer = layer;
        _step = step;
        Span<float> into = _pending.AsSpan(0, _applied[layer].Length);
        if (step.Operation == BendOperation.Distribution)
        {
            BendDraws draws = _draws[layer] ??= new BendDraws(_applied[layer].Length);
            draws.Fill(step.Distribution, step.Seed);
            WeightBender.Apply(step, _applied[layer], draws, into);
        }
        else
        {
            WeightBender.Apply(step, _applied[layer], into);
        }
        if (_liveMode)
        {
            _changed[layer] = true;
        }
    }

    /// <summary>REVERT: drops the pending edit. False when there was none.</summary>
    public bool Revert()
    {
        if (_pendingLayer < 0)
        {
            return false;
        }

        if (_liveMode)
        {
            _changed[_pendingLayer] = true;
        }

        _pendingLayer = -1;
        _step = null;
        return true;
    }

    /// <summary>SET: the pending edit becomes part of the layer. False when there was none.</summary>
    public bool Set()
    {
        if (_pendingLayer < 0 || _step is not BendStep step)
        {
            return false;
        }

        int layer = _pendingLayer;
        Remember(layer, addedStep: true);

        _applied[layer] = Copy(PendingValues);
        Steps = Steps.Append(step);
        _pendingLayer = -1;
        _step = null;
        _changed[layer] = true;
        return true;
    }

    /// <summary>RECALL: undoes the last SET (a pending edit is dropped too). False when there is nothing to undo.</summary>
    public bool Recall()
    {
        if (_undo.First is not { } last)
        {
            return false;
        }

        _ = Revert();
        _undo.RemoveFirst();
        (int layer, float[] before, bool addedStep) = last.Value;
        Spare(_applied[layer]);
        _applied[layer] = before;
        if (addedStep && Steps.Steps.Length > 0)
        {
            Steps = new Bend(Steps.Steps.RemoveAt(Steps.Steps.Length - 1));
        }

        _changed[layer] = true;
        return true;
    }

    /// <summary>RELOAD: every layer back to the original model; the pending edit and the undo history are dropped.</summary>
    public void Reload()
    {
        _ = Revert();
        for (int i = 0; i < _applied.Length; i++)
        {
            if (!_applied[i].AsSpan().SequenceEqual(_pristine[i]))
            {
                Spare(_applied[i]);
                _applied[i] = Copy(_pristine[i]);
                _changed[i] = true;
            }
        }

        foreach ((_, float[] before, _) in _undo)
        {
            Spare(before);
        }

        _undo.Clear();
        Steps = Bend.Empty;
    }

    /// <summary>
    /// Replaces the applied values of layer <paramref name="layer"/> (a loaded bend configuration), as one SET that
    /// RECALL can undo; the configuration's steps come with <see cref="SetSteps"/> and stay when it is undone.
    /// </summary>
    public void Load(int layer, ReadOnlySpan<float> values)
    {
        if (values.Length != _applied[layer].Length)
        {
            throw new ArgumentException($"layer {_names[layer]} holds {_applied[layer].Length} weights, not {values.Length}", nameof(values));
        }

        _ = Revert();
        Remember(layer, addedStep: false);
        _applied[layer] = Copy(values);
        _changed[layer] = true;
    }

    private void Remember(int layer, bool addedStep)
    {
        _undo.AddFirst((layer, _applied[layer], addedStep));
        if (_undo.Count > UndoDepth)
        {
            Spare(_undo.Last!.Value.Before);
            _undo.RemoveLast();
        }
    }

    private float[] Copy(ReadOnlySpan<float> values)
    {
        float[] copy = _spare.TryGetValue(values.Length, out Stack<float[]>? stack) && stack.TryPop(out float[]? spare) ? spare : new float[values.Length];
        values.CopyTo(copy);
        return copy;
    }

    private void Spare(float[] array)
    {
        if (!_spare.TryGetValue(array.Length, out Stack<float[]>? stack))
        {
            _spare[array.Length] = stack = new Stack<float[]>();
        }

        stack.Push(array);
    }

    /// <summary>Sets the replayable steps a loaded configuration carries.</summary>
    public void SetSteps(Bend steps) => Steps = steps ?? throw new ArgumentNullException(nameof(steps));

    /// <summary>The next layer whose <see cref="Playing"/> values changed since it was last taken; false when none.</summary>
    public bool TakeChanged(out int layer)
    {
        for (int i = 0; i < _changed.Length; i++)
        {
            if (_changed[i])
            {
                _changed[i] = false;
                layer = i;
                return true;
            }
        }

        layer = -1;
        return false;
    }

    /// <summary>Marks <paramref name="layer"/> changed again: its values could not be staged this tick.</summary>
    public void MarkChanged(int layer) => _changed[layer] = true;
}
