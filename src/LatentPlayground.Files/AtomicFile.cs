namespace LatentPlayground.Files;

/// <summary>
/// Writes a file so that a crash or power cut at any instant leaves either the old file or the new
/// one, never a half-written one: temporary file in the same folder, fsync, rename, fsync of the folder.
/// Thread: any non-real-time thread.
/// </summary>
public static class AtomicFile
{
    /// <param name="path">The file to replace or create.</param>
    /// <param name="write">Writes the whole content to the stream it is given.</param>
    /// <param name="displayPath">How messages name the file; <paramref name="path"/> when null.</param>
    public static void Write(string path, Action<Stream> write, string? displayPath = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"{path}: folder {folder} does not exist");
        }

        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
            SyncFolder(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not InputFileException)
        {
            TryDelete(temp);

            // The system's message names the temporary file; the user gave the target.
            throw new IOException($"{displayPath ?? path}: could not be written: {OutputFile.Reason(e, temp)}", e);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public static void WriteText(string path, string text, string? displayPath = null) =>
        Write(path, s =>
        {
            using var writer = new StreamWriter(s, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            writer.Write(text);
        }, displayPath);

    // The rename itself lives in the folder's metadata, which needs its own fsync to survive a power cut.
    private static void SyncFolder(string folder) => _ = DirectorySync.TryFlush(folder);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the temporary name starts with a dot and is never mistaken for output.
        }
    }
}
