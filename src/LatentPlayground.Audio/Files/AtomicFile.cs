namespace LatentPlayground.Audio.Files;

/// <summary>
/// Writes a file so that a crash or power cut at any instant leaves either the old file or the new
/// one, never a half-written one: temporary file in the same folder, fsync, rename, fsync of the folder.
/// Thread: any non-real-time thread.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
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
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public static void WriteText(string path, string text) =>
        Write(path, s =>
        {
            using var writer = new StreamWriter(s, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            writer.Write(text);
        });

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
