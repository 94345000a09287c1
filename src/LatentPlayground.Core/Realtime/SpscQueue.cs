namespace LatentPlayground.Core.Realtime;

/// <summary>
/// A bounded lock-free single-producer single-consumer queue of plain structs. One thread may call
/// <see cref="TryEnqueue"/>, one other thread <see cref="TryDequeue"/>; neither ever blocks or allocates.
/// The capacity is fixed at construction (rounded up to a power of two).
/// </summary>
public sealed class SpscQueue<T>
    where T : struct
{
    private readonly T[] _items;
    private readonly int _mask;

    // Producer and consumer indices live on separate cache lines so the two threads do not fight over one.
    private PaddedIndex _head;
    private PaddedIndex _tail;

    public SpscQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        int size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity);
        _items = new T[size];
        _mask = size - 1;
    }

    public int Capacity => _items.Length;

    /// <summary>Number of items waiting; a snapshot that may be stale by the time it is read.</summary>
    public int Count => (int)(Volatile.Read(ref _tail.Value) - Volatile.Read(ref _head.Value));

    /// <summary>Thread: the producer only. Returns false when full; the item is then not queued.</summary>
    /// <summary>
    /// Thread: the producer. Slots free now; the consumer can only free more, so that many enqueues that follow
    /// will all succeed (what lets a producer post several items as a whole, or none).
    /// </summary>
    public int FreeSpace => _items.Length - (int)(_tail.Value - Volatile.Read(ref _head.Value));

    public bool TryEnqueue(in T item)
    {
        long tail = _tail.Value;
        if (tail - Volatile.Read(ref _head.Value) >= _items.Length)
        {
            return false;
        }

        _items[tail & _mask] = item;
        Volatile.Write(ref _tail.Value, tail + 1);
        return true;
    }

    /// <summary>Thread: the consumer only. Returns false when empty.</summary>
    public bool TryDequeue(out T item)
    {
        long head = _head.Value;
        if (head == Volatile.Read(ref _tail.Value))
        {
            item = default;
            return false;
        }

        item = _items[head & _mask];
        Volatile.Write(ref _head.Value, head + 1);
        return true;
    }
}
