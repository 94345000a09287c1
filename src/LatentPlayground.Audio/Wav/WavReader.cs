using LatentPlayground.Files;

namespace LatentPlayground.Audio.Wav;

/// <summary>
/// Reads RIFF/WAVE files: 16/24/32-bit integer PCM and 32-bit float (format tags 1 and 3, or
/// WAVE_FORMAT_EXTENSIBLE with those sub-formats), mono or stereo, any sample rate.
/// Every problem, including a missing or unreadable file, is a <see cref="WavFileException"/>.
/// </summary>
/// <remarks>
/// Strict where a guess could play the wrong thing: a data chunk claiming more bytes than the file holds
/// is an error, including the 0xFFFFFFFF "size unknown" of streamed files, since the file may as well be
/// cut short. Lenient where nothing is lost: the RIFF size and byte rate are not checked, chunks after
/// the data chunk are ignored, a missing final pad byte is accepted, and a partial frame at the end of the
/// data is dropped. Thread: any non-real-time thread (allocates and blocks on I/O).
/// </remarks>
public static class WavReader
{
    // Large enough that a long file reads in few system calls, small enough to stay out of the way of the
    // float arrays, which are the real memory cost.
    private const int ReadBlockBytes = 1 << 20;

    public static WavAudio Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using FileStream stream = OpenRead(path);
        if (!stream.CanSeek)
        {
            throw new WavFileException(path, "not a regular file (a pipe or device cannot be read as WAV here)", null);
        }

        return Read(stream, path);
    }

    /// <summary>Reads a WAV file that starts at the stream's current position.</summary>
    /// <param name="stream">Readable and seekable.</param>
    /// <param name="name">Names the source in error messages, e.g. the file name.</param>
    public static WavAudio Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        if (!stream.CanRead || !stream.CanSeek)
        {
            throw new ArgumentException("the stream must be readable and seekable", nameof(stream));
        }

        try
        {
            WavLayout layout = RiffLayoutReader.Read(stream, name);
            return ReadSamples(stream, layout, name);
        }
        catch (IOException e) when (e is not WavFileException)
        {
            throw new WavFileException(name, $"read failed: {e.Message}", e);
        }
    }

    private static WavAudio ReadSamples(Stream stream, WavLayout layout, string name)
    {
        WavFormat format = layout.Format;
        int blockAlign = format.BlockAlign;
        long frames = layout.DataLength / blockAlign;
        if (frames > Array.MaxLength)
        {
            throw new WavFileException(name, $"too long: {frames} frames (at most {Array.MaxLength} can be held)", null);
        }

        var channels = new float[format.Channels][];
        for (int c = 0; c < channels.Length; c++)
        {
            // Every element is overwritten below, so zeroing first would only cost time on long files.
            channels[c] = GC.AllocateUninitializedArray<float>((int)frames);
        }

        int framesPerBlock = Math.Max(1, ReadBlockBytes / blockAlign);
        byte[] buffer = new byte[(int)Math.Min(frames, framesPerBlock) * blockAlign];
        int width = format.SampleFormat.BytesPerSample;
        stream.Position = layout.DataOffset;
        for (int done = 0; done < frames;)
        {
            int count = (int)Math.Min(framesPerBlock, frames - done);
            Span<byte> block = buffer.AsSpan(0, count * blockAlign);
            stream.ReadExactly(block);
            for (int c = 0; c < channels.Length; c++)
            {
                SampleDecoder.Decode(block[(c * width)..], blockAlign, format.SampleFormat, channels[c].AsSpan(done, count));
            }

            done += count;
        }

        return new WavAudio(format.SampleRate, channels, format.SampleFormat);
    }

    // RIFF sizes are 32-bit: no WAV file this reader accepts is larger.
    private const long LargestWav = (4L << 30) + (1 << 20);

    private static FileStream OpenRead(string path)
    {
        try
        {
            return InputFile.OpenRegular(path, LargestWav, "WAV input");
        }
        catch (InputFileException e)
        {
            throw new WavFileException(path, e.Problem, e);
        }
    }
}
