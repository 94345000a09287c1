namespace LatentPlayground.Core.Dsp;

/// <summary>A fixed delay of whole samples. Thread: one owner; never allocates after construction.</summary>
public sealed class DelayLine
{
    private readonly float[] _buffer;
    private int _pos;

    public DelayLine(int delay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delay);
        Delay = delay;
        _buffer = new float[Math.Max(1, delay)];
    }

    public int Delay { get; }

    /// <summary>Pushes a sample in and returns the sample from <see cref="Delay"/> samples ago.</summary>
    public float Process(float x)
    {
        if (Delay == 0)
        {
            return x;
        }

        float y = _buffer[_pos];
        _buffer[_pos] = x;
        _pos = _pos + 1 == _buffer.Length ? 0 : _pos + 1;
        return y;
    }

    public void Reset()
    {
        Array.Clear(_buffer);
        _pos = 0;
    }
}
