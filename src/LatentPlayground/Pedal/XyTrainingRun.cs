using LatentPlayground.Core.Xy;

namespace LatentPlayground.Pedal;

/// <summary>
/// One TRAIN of the pedal's XY mapping on a thread of its own, below normal priority, on a copy of the mapping, so
/// the control thread keeps polling and drawing (and the real-time threads, SCHED_FIFO, are never contended).
/// The control thread starts it, reads <see cref="Progress"/> for the display and takes the result once
/// <see cref="Done"/>; it never waits on it.
/// Thread: constructor, <see cref="Progress"/>, <see cref="Done"/>, <see cref="Result"/> and <see cref="Dispose"/> on
/// the control thread; the training on its own thread.
/// </summary>
internal sealed class XyTrainingRun : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private int _epochsDone;
    private volatile bool _done;
    private XyTrainingResult? _result;
    private string? _error;

    /// <param name="mapping">A copy, owned by the run from now on.</param>
    /// <param name="version">The pedal's count of mapping changes when the copy was taken: a result for points since changed is stale.</param>
    public XyTrainingRun(XyMapping mapping, long version, int epochs = 3000, uint seed = 0)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        Version = version;
        Epochs = epochs;
        Points = mapping.Points.Count;
        var thread = new Thread(() => Train(mapping, seed)) { Name = "lp-xy-train", IsBackground = true, Priority = ThreadPriority.BelowNormal };
        thread.Start();
    }

    public long Version { get; }

    public int Epochs { get; }

    /// <summary>Points trained on.</summary>
    public int Points { get; }

    /// <summary>0..1 of the epochs done.</summary>
    public double Progress => Volatile.Read(ref _epochsDone) / (double)Epochs;

    public bool Done => _done;

    /// <summary>The trained network and its loss curve once <see cref="Done"/>; null when it failed or was cancelled.</summary>
    public XyTrainingResult? Result => _done ? _result : null;

    /// <summary>Why it failed, once <see cref="Done"/> without a result.</summary>
    public string? Error => _done ? _error : null;

    /// <summary>
    /// Stops the training between two epochs if it still runs (a loaded mapping replaced the one trained), and lets its
    /// cancellation go. The worker only reads the token, which stays readable after this.
    /// </summary>
    public void Dispose()
    {
        _cancel.Cancel();
        _cancel.Dispose();
    }

    private void Train(XyMapping mapping, uint seed)
    {
        try
        {
            XyTrainingResult result = mapping.Train(seed, Epochs, (epoch, _) => Volatile.Write(ref _epochsDone, epoch), _cancel.Token);
            // Training stops between epochs when cancelled and returns what it has: not a network to play.
            if (_cancel.IsCancellationRequested)
            {
                _error = "cancelled";
            }
            else
            {
                _result = result;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            _error = e.Message;
        }
        finally
        {
            _done = true;
        }
    }
}
