using System.Collections.Concurrent;
using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Library;
using LatentPlayground.Render;

namespace LatentPlayground.Live;

/// <summary>A model opened and its engine built, warmed and held on dry, ready to swap in.</summary>
/// <param name="Entry">The library's entry.</param>
/// <param name="Codec">The open model; disposing it frees it.</param>
/// <param name="Engine">Its engine, for this stream's rate, channels and period.</param>
/// <param name="Budget">How its inference budget was chosen, for the log.</param>
public sealed record LoadedModel(ModelEntry Entry, OpenedCodec Codec, LiveEngine Engine, BudgetChoice Budget);

/// <summary>
/// Loads models while the pedal plays and swaps them in. A request (the settings page, or a preset that names
/// another model) goes to a worker thread of normal priority, never the audio or inference thread: it opens the
/// package, times warm-up hops for the model's budget and builds its engine. Back on the control thread
/// (<see cref="Poll"/>) the new engine gets the pedal's current parameters and is handed to the
/// <see cref="SwappableEngine"/>, which swaps it in at period and hop boundaries with a dip to dry. Once both
/// real-time threads have let go of the old engine, its model is freed on the worker thread.
/// A model that does not load is one warning (and a notice on the display); the old model keeps playing.
/// Only the latest request counts: a request made while another model loads replaces it.
/// Thread: the control thread, except the worker it owns.
/// </summary>
public sealed class ModelSwitcher : IDisposable
{
    private readonly SwappableEngine _engine;
    private readonly Func<ModelEntry, LoadedModel> _load;
    private readonly Func<ModelEntry, LoadedModel>? _loadBendable;
    private readonly Func<LiveEngine, string> _describeLatency;
    private readonly LiveLog _log;
    private readonly BlockingCollection<Action> _work = [];
    private readonly ConcurrentQueue<(ModelEntry Entry, bool Bendable, LoadedModel? Loaded, string? Error)> _done = new();
    private readonly double[] _values = new double[ParameterTable.Count];
    private readonly Thread _worker;
    private OpenedCodec _currentCodec;
    private ModelEntry? _loading;
    private LoadedModel? _swapping;
    private bool _swappingBendable;

    // The variant asked for: the model's fp32 graphs on live weights (bending), or the package's best graphs.
    private bool _wantBendable;

    /// <param name="engine">The engines the live threads run.</param>
    /// <param name="library">The models that can be chosen.</param>
    /// <param name="current">The model playing now.</param>
    /// <param name="currentCodec">Its open model, owned from here on (freed when it is swapped out or on <see cref="Dispose"/>).</param>
    /// <param name="load">Opens a model and builds its engine (on the worker); throws <see cref="UsageException"/> with one line when it cannot.</param>
    /// <param name="describeLatency">The wet latency of an engine, as the startup report words it.</param>
    /// <param name="log">The pedal's log.</param>
    /// <param name="loadBendable">Opens a model's fp32 graphs on live weights for bending (on the worker); null: no bending.</param>
    public ModelSwitcher(SwappableEngine engine, ModelLibrary library, ModelEntry current, OpenedCodec currentCodec, Func<ModelEntry, LoadedModel> load, Func<LiveEngine, string> describeLatency, LiveLog log, Func<ModelEntry, LoadedModel>? loadBendable = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(currentCodec);
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(describeLatency);
        ArgumentNullException.ThrowIfNull(log);
        _engine = engine;
        Library = library;
        Current = Target = current;
        _currentCodec = currentCodec;
        _load = load;
        _loadBendable = loadBendable;
        _describeLatency = describeLatency;
        _log = log;
        _worker = new Thread(Work) { Name = "lp-worker", IsBackground = true };
        _worker.Start();
    }

    public ModelLibrary Library { get; }

    /// <summary>The model playing (the old one until a swap has finished).</summary>
    public ModelEntry Current { get; private set; }

    /// <summary>The model asked for last: <see cref="Current"/> unless one is loading or swapping in.</summary>
    public ModelEntry Target { get; private set; }

    /// <summary>True from a request until its model plays (or fails to load).</summary>
    public bool Busy => !ReferenceEquals(Target, Current) || _wantBendable != CurrentBendable || _loading is not null || _swapping is not null;

    /// <summary>The open model playing now.</summary>
    public OpenedCodec CurrentCodec => _currentCodec;

    /// <summary>True when the model playing runs on live weights a bend can write.</summary>
    public bool CurrentBendable { get; private set; }

    /// <summary>
    /// Swaps the model playing for its own fp32 graphs on live weights, so it can be bent (bending's INIT), with the
    /// dip to dry of any swap. False when that is under way or done already, or this pedal cannot bend.
    /// </summary>
    public bool RequestBendable()
    {
        if (_loadBendable is null || (_wantBendable && ReferenceEquals(Target, Current)))
        {
            return false;
        }

        Target = Current;
        _wantBendable = true;
        _log.Info($"model {Current.Name}: loading its fp32 graphs on live weights for bending");
        Notify?.Invoke($"Bending: loading\n{Current.Name}");
        StartNext();
        return true;
    }

    /// <summary>Short notices for the display (loading, loaded, failed).</summary>
    public Action<string>? Notify { get; set; }

    /// <summary>Called on the control thread when a new model plays.</summary>
    public Action<ModelEntry>? Swapped { get; set; }

    /// <summary>Swaps to <paramref name="entry"/> (loaded first). False when it is what plays and nothing else is asked for.</summary>
    public bool Request(ModelEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (ReferenceEquals(entry, Target))
        {
            return false;
        }

        Target = entry;
        _wantBendable = false;
        if (!ReferenceEquals(entry, Current))
        {
            _log.Info($"model {entry.Name}: loading from {entry.Folder}");
            Notify?.Invoke($"Loading model\n{entry.Name}");
        }

        StartNext();
        return true;
    }

    /// <summary>
    /// Handles a finished load and a finished swap. <paramref name="values"/> are the pedal's parameters now: the
    /// new engine starts on them. Never blocks.
    /// </summary>
    public void Poll(ParameterSet values)
    {
        ArgumentNullException.ThrowIfNull(values);
        while (_done.TryDequeue(out var result))
        {
            _loading = null;
            if (result.Loaded is not LoadedModel loaded)
            {
                _wantBendable = CurrentBendable;
                _log.Warning($"model {result.Entry.Name}: not loaded: {result.Error}; still playing {Current.Name}");
                Notify?.Invoke($"Model not loaded\n{result.Entry.Name}");
                if (ReferenceEquals(Target, result.Entry))
                {
                    Target = Current;
                }
            }
            else if (!ReferenceEquals(loaded.Entry, Target) || result.Bendable != _wantBendable || _swapping is not null)
            {
                // Asked for something else meanwhile.
                Free(loaded.Codec);
            }
            else
            {
                Hand(loaded, values);
                _swappingBendable = result.Bendable;
            }
        }

        if (_swapping is LoadedModel swapping && _engine.TryFinishSwap() is not null)
        {
            OpenedCodec old = _currentCodec;
            _currentCodec = swapping.Codec;
            Current = swapping.Entry;
            CurrentBendable = _swappingBendable;
            _swapping = null;
            Free(old);
            _log.Notice($"model {Current.Name}: playing; wet latency {_describeLatency(_engine.Current)}");
            Notify?.Invoke($"Model\n{Current.Name}");
            Swapped?.Invoke(Current);
        }

        StartNext();
    }

    /// <summary>Stops the worker and frees every model this switcher holds. Thread: control, after the live threads have stopped.</summary>
    public void Dispose()
    {
        _work.CompleteAdding();
        _worker.Join();
        while (_done.TryDequeue(out var result))
        {
            result.Loaded?.Codec.Dispose();
        }

        _swapping?.Codec.Dispose();
        _currentCodec.Dispose();
        _work.Dispose();
    }

    private void StartNext()
    {
        if (_loading is not null || _swapping is not null || (ReferenceEquals(Target, Current) && _wantBendable == CurrentBendable))
        {
            return;
        }

        ModelEntry entry = Target;
        bool bendable = _wantBendable;
        Func<ModelEntry, LoadedModel> load = bendable ? _loadBendable! : _load;
        _loading = entry;
        _work.Add(() =>
        {
            try
            {
                _done.Enqueue((entry, bendable, load(entry), null));
            }
            catch (UsageException e)
            {
                _done.Enqueue((entry, bendable, null, e.Message));
            }
#pragma warning disable CA1031 // Whatever a model throws while loading, the old model plays on and the pedal says why.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _done.Enqueue((entry, bendable, null, e.Message.Split('\n')[0]));
            }
        });
    }

    // The new engine takes the pedal's parameters as they are now, then goes to the live threads.
    private void Hand(LoadedModel loaded, ParameterSet values)
    {
        LiveEngine next = loaded.Engine;
        values.CopyTo(_values);
        for (int i = 0; i < ParameterTable.Count; i++)
        {
            ParameterDescriptor d = ParameterTable.Get((ParameterId)i);
            if (d.Kind != ParameterKind.Action)
            {
                next.Post(new ParameterChange(d.Id, _values[i]));
            }
        }

        next.ApplyPendingImmediately();
        if (!_engine.BeginSwap(next))
        {
            Free(loaded.Codec);
            return;
        }

        _swapping = loaded;
        _log.Notice($"model {loaded.Entry.Name}: loaded ({loaded.Entry.Shape}; {loaded.Budget}); swapping in with a dip to dry");
    }

    // Freeing a model (ONNX Runtime sessions) takes time: on the worker, never the control or a real-time thread.
    private void Free(OpenedCodec codec) => _work.Add(codec.Dispose);

    private void Work()
    {
        foreach (Action job in _work.GetConsumingEnumerable())
        {
            job();
        }
    }
}
