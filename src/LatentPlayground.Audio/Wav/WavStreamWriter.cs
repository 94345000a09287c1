namespace LatentPlayground.Audio.Wav;

/// <summary>
/// Writes a WAV file (24-bit PCM or 32-bit float) into a seekable stream, block by block, so a long
/// render never has to sit in memory whole. The header is written first with zero sizes and completed by
/// <see cref="Finish"/>; a stream abandoned before that holds an incomplete file. For files on disk use
/// <see cref="WavFileWriter"/>, which never leaves an incomplete file behind.
/// Thread: one non-real-time thread.
/// </summary>
public sealed class WavStreamWriter : IDisposable
{
    private const int BufferBytes = 1 << 16;

    private readonly Stream _stream;
    private readonly string _name;
    private readonly bool _leaveOpen;
    private readonly long _start;
    private readonly long _maxFrames;
    private readonly byte[] _buffer;
    private bool _finished;
    private bool _disposed;

    /// <param name="stream">Writable and seekable; the file starts at its current position.</param>
    /// <param name="name">Names the destination in error messages.</param>
    /// <param name="sampleRate">Frames per second, positive.</param>
    /// <param name="channels">1 or 2.</param>
    /// <param name="format"><see cref="WavSampleFormat.Pcm24"/> or <see cref="WavSampleFormat.Float32"/>.</param>
    /// <param name="leaveOpen">Whether disposing the writer leaves the stream open.</param>
    public WavStreamWriter(Stream stream, string name, int sampleRate, int channels, WavSampleFormat format, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        CheckParameters(sampleRate, channels, format);
        if (!stream.CanWrite || !stream.CanSeek)
        {
            throw new ArgumentException("the stream must be writable and seekable", nameof(stream));
        }

        _stream = stream;
        _name = name;
        _leaveOpen = leaveOpen;
        SampleRate = sampleRate;
        Channels = channels;
        Format = format;
        _maxFrames = WavHeader.MaxFrames(format, channels);
        _buffer = new byte[BufferBytes - (BufferBytes % BlockAlign)];
        _start = stream.Position;
        WriteHeader();
    }

    public int SampleRate { get; }

    public int Channels { get; }

    public WavSampleFormat Format { get; }

    public long FramesWritten { get; private set; }

    private int BlockAlign => Channels * Format.BytesPerSample;

    /// <summary>Appends frames given as interleaved samples (L R L R … for stereo).</summary>
    /// <param name="samples">A whole number of frames: its length is a multiple of <see cref="Channels"/>.</param>
    public void WriteInterleaved(ReadOnlySpan<float> samples)
    {
        if (samples.Length % Channels != 0)
        {
            throw new ArgumentException($"{samples.Length} samples is not a whole number of {Channels}-channel frames", nameof(samples));
        }

        int frames = samples.Length / Channels;
        BeginWrite(frames);
        int width = Format.BytesPerSample;
        int framesPerBlock = _buffer.Length / BlockAlign;
        for (int done = 0; done < frames; done += framesPerBlock)
        {
            int count = Math.Min(framesPerBlock, frames - done);
            Span<byte> block = _buffer.AsSpan(0, count * BlockAlign);
            SampleEncoder.Encode(samples.Slice(done * Channels, count * Channels), width, Format, block);
            _stream.Write(block);
        }

        FramesWritten += frames;
    }

    /// <summary>Appends <paramref name="frames"/> frames from one array per channel, starting at index <paramref name="start"/>.</summary>
    public void WritePlanar(IReadOnlyList<float[]> channels, int start, int frames)
    {
        ArgumentNullException.ThrowIfNull(channels);
        if (channels.Count != Channels)
        {
            throw new ArgumentException($"{channels.Count} channels given, the file has {Channels}", nameof(channels));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        foreach (float[] channel in channels)
        {
            ArgumentNullException.ThrowIfNull(channel, nameof(channels));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(start, channel.Length - frames);
        }

        BeginWrite(frames);
        int width = Format.BytesPerSample;
        int framesPerBlock = _buffer.Length / BlockAlign;
        for (int done = 0; done < frames; done += framesPerBlock)
        {
            int count = Math.Min(framesPerBlock, frames - done);
            Span<byte> block = _buffer.AsSpan(0, count * BlockAlign);
            for (int c = 0; c < Channels; c++)
            {
                SampleEncoder.Encode(channels[c].AsSpan(start + done, count), BlockAlign, Format, block[(c * width)..]);
            }

            _stream.Write(block);
        }

        FramesWritten += frames;
    }

    /// <summary>Completes the file: pad byte, final sizes in the header, flush. Nothing can be written after.</summary>
    public void Finish()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_finished)
        {
            return;
        }

        if (((FramesWritten * BlockAlign) & 1) != 0)
        {
            _stream.WriteByte(0);
        }

        long end = _stream.Position;
        _stream.Position = _start;
        WriteHeader();
        _stream.Position = end;
        _stream.Flush();
        _finished = true;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    internal static void CheckParameters(int sampleRate, int channels, WavSampleFormat format)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        if (channels is < 1 or > 2)
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "the writer produces mono or stereo");
        }

        if (format is not (WavSampleFormat.Pcm24 or WavSampleFormat.Float32))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "the writer produces 24-bit PCM or 32-bit float");
        }
    }

    private void BeginWrite(int frames)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_finished)
        {
            throw new InvalidOperationException("the WAV file is finished; nothing can be appended");
        }

        if (FramesWritten + frames > _maxFrames)
        {
            throw new WavFileException(_name, $"too long for a WAV file: more than {_maxFrames} frames of {Channels}-channel {Format.Description} exceed the 4 GiB limit", null);
        }
    }

    private void WriteHeader()
    {
        Span<byte> header = stackalloc byte[WavHeader.Length(Format)];
        WavHeader.Write(header, Format, Channels, SampleRate, FramesWritten);
        _stream.Write(header);
    }
}
