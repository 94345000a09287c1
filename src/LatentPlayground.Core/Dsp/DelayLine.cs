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

    /// <summary>Pushes a block through: the same as <see cref="Process"/> per sample, as two or three copies.</summary>
    public void ProcessBlock(ReadOnlySpan<float> input, Span<float> output)
    {
        if (Delay == 0)
        {
            input.CopyTo(output);
            return;
        }

        int done = 0;
        while (done < input.Length)
        {
            int n = Math.Min(input.Length - done, _buffer.Length - _pos);
            _buffer.AsSpan(_pos, n).CopyTo(output.Slice(done, n));
            input.Slice(done, n).CopyTo(_buffer.AsSpan(_pos, n));
            _pos = _pos + n == _buffer.Length ? 0 : _pos + n;
            done += n;
        }
    }

    public void Reset()
    {
        Array.Clear(_buffer);
        _pos = 0;
    }
}
