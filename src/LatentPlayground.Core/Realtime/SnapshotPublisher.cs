namespace LatentPlayground.Core.Realtime;

/// <summary>
/// Publishes a plain struct from one real-time writer to any number of readers without a lock (a
/// sequence lock): the writer never waits; a reader retries the rare read that overlapped a write.
/// Thread: <see cref="Publish"/> from one writer thread; <see cref="Read"/> from any other thread.
/// </summary>
public sealed class SnapshotPublisher<T>
    where T : struct
{
    private T _value;
    private long _sequence;

    /// <summary>Thread: the single writer. Never blocks or allocates.</summary>
    public void Publish(in T value)
    {
        long s = _sequence;
        Volatile.Write(ref _sequence, s + 1);
        Interlocked.MemoryBarrier();
        _value = value;
        Volatile.Write(ref _sequence, s + 2);
    }

    /// <summary>Thread: any reader. Spins only while a write is in progress, which takes nanoseconds.</summary>
    public T Read()
    {
        var spin = default(SpinWait);
        while (true)
        {
            long before = Volatile.Read(ref _sequence);
            if ((before & 1) == 0)
            {
                T copy = _value;
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref _sequence) == before)
                {
                    return copy;
                }
            }

            spin.SpinOnce();
        }
    }
}
