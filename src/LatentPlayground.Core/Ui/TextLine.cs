using System.Globalization;

namespace LatentPlayground.Core.Ui;

/// <summary>
/// Builds one line of display text in a caller's buffer without allocating: the render loop's replacement
/// for string interpolation. Overflow is cut off, not an error (the screen is narrower than any buffer).
/// </summary>
public ref struct TextLine(Span<char> buffer)
{
    private readonly Span<char> _buffer = buffer;
    private int _length;

    public readonly ReadOnlySpan<char> Text => _buffer[.._length];

    public TextLine Append(ReadOnlySpan<char> text)
    {
        int n = Math.Min(text.Length, _buffer.Length - _length);
        text[..n].CopyTo(_buffer[_length..]);
        _length += n;
        return this;
    }

    public TextLine Append(char c)
    {
        if (_length < _buffer.Length)
        {
            _buffer[_length++] = c;
        }

        return this;
    }

    /// <summary>Appends <paramref name="value"/> with a .NET numeric format such as "0.0" or "00".</summary>
    public TextLine Append(double value, ReadOnlySpan<char> format)
    {
        if (value.TryFormat(_buffer[_length..], out int written, format, CultureInfo.InvariantCulture))
        {
            _length += written;
        }

        return this;
    }

    public TextLine Append(long value, ReadOnlySpan<char> format = default)
    {
        if (value.TryFormat(_buffer[_length..], out int written, format, CultureInfo.InvariantCulture))
        {
            _length += written;
        }

        return this;
    }
}
