using LatentPlayground.Files;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;

namespace LatentPlayground.Audio.Wav;

/// <summary>
/// Writes a WAV file on disk so that the target only ever holds the old file or the complete new one:
/// the samples go to a hidden temporary file in the same folder (same file system, so the rename is
/// atomic), which <see cref="Commit"/> fsyncs and renames over the target, then fsyncs the folder.
/// Any failure, or disposing without committing, deletes the temporary file and leaves the target as it was.
/// Thread: one non-real-time thread.
/// </summary>
public sealed class WavFileWriter : IDisposable
{
    private readonly string _fullPath;
    private readonly string _tempPath;
    private readonly FileStream _file;
    private readonly WavStreamWriter _writer;
    private bool _closed;

    private WavFileWriter(string path, string fullPath, string tempPath, FileStream file, WavStreamWriter writer)
    {
        Path = path;
        _fullPath = fullPath;
        _tempPath = tempPath;
        _file = file;
        _writer = writer;
    }

    /// <summary>The target as the caller named it.</summary>
    public string Path { get; }

    /// <summary>The temporary file being written, until the writer commits or is abandoned.</summary>
    public string TemporaryPath => _tempPath;

    public long FramesWritten => _writer.FramesWritten;

    /// <summary>Starts a file; nothing appears at <paramref name="path"/> until <see cref="Commit"/>.</summary>
    /// <param name="format"><see cref="WavSampleFormat.Pcm24"/> or <see cref="WavSampleFormat.Float32"/>.</param>
    /// <param name="displayPath">How messages name the file (the path the user gave, when
    /// <paramref name="path"/> is the file a link of theirs names); <paramref name="path"/> when null.</param>
    public static WavFileWriter Create(string path, int sampleRate, int channels, WavSampleFormat format, string? displayPath = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string shown = displayPath ?? path;
        WavStreamWriter.CheckParameters(sampleRate, channels, format);
        string full = System.IO.Path.GetFullPath(path);
        string folder = System.IO.Path.GetDirectoryName(full) ?? ".";
        if (Directory.Exists(full))
        {
            throw new WavFileException(shown, "is a folder, not a file", null);
        }

        if (!Directory.Exists(folder))
        {
            throw new WavFileException(shown, $"folder {folder} does not exist", null);
        }

        // Hidden and random, so it is never taken for output and two runs never collide.
        string temp = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(full)}.tmp-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}");
        FileStream file;
        try
        {
            file = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new WavFileException(shown, $"permission denied: cannot create a file in {folder}", e);
        }
        catch (IOException e)
        {
            throw new WavFileException(shown, $"cannot create a file in {folder}: {OutputFile.Reason(e, temp)}", e);
        }

        try
        {
            return new WavFileWriter(shown, full, temp, file, new WavStreamWriter(file, shown, sampleRate, channels, format, leaveOpen: true));
        }
        catch
        {
            file.Dispose();
            TryDelete(temp);
            throw;
        }
    }

    /// <inheritdoc cref="WavStreamWriter.WriteInterleaved"/>
    public void WriteInterleaved(ReadOnlySpan<float> samples)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        try
        {
            _writer.WriteInterleaved(samples);
        }
        catch (Exception e) when (e is not ArgumentException)
        {
            Fail(e);
        }
    }

    /// <inheritdoc cref="WavStreamWriter.WritePlanar"/>
    public void WritePlanar(IReadOnlyList<float[]> channels, int start, int frames)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        try
        {
            _writer.WritePlanar(channels, start, frames);
        }
        catch (Exception e) when (e is not ArgumentException)
        {
            Fail(e);
        }
    }

    /// <summary>Completes the file and puts it in place of the target, replacing any file there.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        try
        {
            _writer.Finish();
            _file.Flush(flushToDisk: true);
            _file.Dispose();
            File.Move(_tempPath, _fullPath, overwrite: true);
        }
        catch (Exception e)
        {
            Fail(e);
        }

        _closed = true;
        _writer.Dispose();
        DirectorySync.TryFlush(System.IO.Path.GetDirectoryName(_fullPath) ?? ".");
    }

    /// <summary>Abandons the file unless it was committed: the temporary file goes, the target stays as it was.</summary>
    public void Dispose()
    {
        if (!_closed)
        {
            Abandon();
        }
    }

    private void Abandon()
    {
        _closed = true;

        // On a full disk closing flushes and throws again; the temporary file must go all the same.
        try
        {
            _writer.Dispose();
            _file.Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _file.SafeFileHandle.Dispose();
        }
        finally
        {
            TryDelete(_tempPath);
        }
    }

    [DoesNotReturn]
    private void Fail(Exception cause)
    {
        Abandon();

        // System I/O errors name the temporary file, which means nothing to the user; the message names the target.
        if (cause is (IOException and not WavFileException) or UnauthorizedAccessException)
        {
            throw new WavFileException(Path, $"write failed: {OutputFile.Reason(cause, _tempPath)}", cause);
        }

        ExceptionDispatchInfo.Throw(cause);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more can be done; the name starts with a dot and is never mistaken for output.
        }
    }
}
