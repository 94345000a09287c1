namespace LatentPlayground.Audio.Wav;

/// <summary>Writes whole <see cref="WavAudio"/> values; for block-by-block output use <see cref="WavFileWriter"/>.</summary>
public static class WavWriter
{
    /// <summary>Writes atomically: the target is either left as it was or replaced by the complete file.</summary>
    /// <param name="format"><see cref="WavSampleFormat.Pcm24"/> or <see cref="WavSampleFormat.Float32"/>.</param>
    public static void Write(string path, WavAudio audio, WavSampleFormat format) => Write(path, path, audio, format);

    /// <summary>Writes <paramref name="target"/> (e.g. the file a link names); messages say <paramref name="displayPath"/>.</summary>
    public static void Write(string target, string displayPath, WavAudio audio, WavSampleFormat format)
    {
        ArgumentNullException.ThrowIfNull(audio);
        using WavFileWriter writer = WavFileWriter.Create(target, audio.SampleRate, audio.Channels, format, displayPath);
        writer.WritePlanar(audio.Samples, 0, audio.Frames);
        writer.Commit();
    }

    /// <summary>Writes a complete WAV file at the stream's current position; the stream stays open.</summary>
    /// <param name="stream">Writable and seekable.</param>
    /// <param name="name">Names the destination in error messages.</param>
    public static void Write(Stream stream, string name, WavAudio audio, WavSampleFormat format)
    {
        ArgumentNullException.ThrowIfNull(audio);
        using var writer = new WavStreamWriter(stream, name, audio.SampleRate, audio.Channels, format, leaveOpen: true);
        writer.WritePlanar(audio.Samples, 0, audio.Frames);
        writer.Finish();
    }
}
