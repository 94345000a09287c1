namespace LatentPlayground.Core.Realtime;

/// <summary>
/// A lock-free single-producer single-consumer ring of samples addressed by absolute stream position
/// (sample index since the start), so the reader always knows exactly which samples it holds: a late
/// writer never shifts the stream, it only leaves a gap the reader can detect.
/// Thread: <see cref="Write"/> from one producer thread; <see cref="TryRead"/> from one consumer thread.
/// Never blocks or allocates after construction.
/// </summary>
public sealed class StreamRing
{
    private readonly float[] _buffer;
    private readonly int _mask;
    private PaddedIndex _written;

    public StreamRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        int size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity);
        _buffer = new float[size];
        _mask = size - 1;
    }

    public int Capacity => _buffer.Length;

    /// <summary>Stream position one past the last sample written. Any thread (a snapshot).</summary>
    public long Written => Volatile.Read(ref _written.Value);

    /// <summary>Thread: the producer. Appends samples at <see cref="Written"/>.</summary>
    public void Write(ReadOnlySpan<float> samples)
    {
        long start = _written.Value;
        int offset = (int)(start & _mask);
        int first = Math.Min(samples.Length, _buffer.Length - offset);
        samples[..first].CopyTo(_buffer.AsSpan(offset));
        samples[first..].CopyTo(_buffer);

        // Publish only after the samples are in place, so a reader that sees the new position sees them too.
        Volatile.Write(ref _written.Value, start + samples.Length);
    }

    /// <summary>Thread: the producer. Moves the write position forward without data (used to skip a gap).</summary>
    public void SkipTo(long position)
    {
        if (position > _written.Value)
        {
            Volatile.Write(ref _written.Value, position);
        }
    }

    /// <summary>
    /// Thread: the consumer. Copies the samples at [<paramref name="position"/>, position + destination.Length).
    /// Returns false, leaving the destination's contents unspecified, when some of them are not written yet
    /// or have already been overwritten.
    /// </summary>
    public bool TryRead(long position, Span<float> destination)
    {
        long end = position + destination.Length;
        if (position < 0 || destination.Length > _buffer.Length || end > Volatile.Read(ref _written.Value))
        {
            return false;
        }

        int offset = (int)(position & _mask);
        int first = Math.Min(destination.Length, _buffer.Length - offset);
        _buffer.AsSpan(offset, first).CopyTo(destination);
        _buffer.AsSpan(0, destination.Length - first).CopyTo(destination[first..]);

        // If the writer lapped us while we copied, the copy may be torn: the samples are gone.
        return Volatile.Read(ref _written.Value) - _buffer.Length <= position;
    }
}
