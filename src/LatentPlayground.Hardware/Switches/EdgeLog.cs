namespace LatentPlayground.Hardware.Switches;

/// <summary>
/// Level changes recorded by a GPIO driver's event thread for the control thread to pick up: a small ring
/// under a lock (edges are rare and neither thread is real-time). When it overflows it is emptied and marked,
/// and the reader goes back to reading the pin.
/// Thread: <see cref="Record"/> from the driver's event thread(s); <see cref="TryTake"/> and
/// <see cref="TakeOverflow"/> from the control thread.
/// </summary>
internal sealed class EdgeLog
{
    private readonly Lock _gate = new();
    private readonly (bool Level, long At)[] _ring = new (bool, long)[64];
    private int _head;
    private int _count;
    private bool _overflowed;

    /// <summary>Records a level change and its time; when the ring is full it empties and marks the loss. Thread: the driver's event thread.</summary>
    public void Record(bool level, long at)
    {
        lock (_gate)
        {
            if (_count == _ring.Length)
            {
                _count = 0;
                _overflowed = true;
                return;
            }

            _ring[(_head + _count) % _ring.Length] = (level, at);
            _count++;
        }
    }

    /// <summary>The oldest recorded change, or false when none is waiting. Thread: control.</summary>
    public bool TryTake(out bool level, out long at)
    {
        lock (_gate)
        {
            if (_count == 0)
            {
                level = false;
                at = 0;
                return false;
            }

            (level, at) = _ring[_head];
            _head = (_head + 1) % _ring.Length;
            _count--;
            return true;
        }
    }

    /// <summary>True (once) when changes were lost since the last call. Thread: control.</summary>
    public bool TakeOverflow()
    {
        lock (_gate)
        {
            bool o = _overflowed;
            _overflowed = false;
            return o;
        }
    }
}
