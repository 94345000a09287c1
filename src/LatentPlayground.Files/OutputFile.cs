namespace LatentPlayground.Files;

/// <summary>A path a command reads or writes, with what it is for: "input WAV", "latents CSV".</summary>
public readonly record struct NamedPath(string? Path, string What);

/// <summary>
/// Checks an output path before anything is written. An output may replace only a regular file (never a
/// device, FIFO, socket or folder, which as root could be /dev/null), and may never be an input or another
/// output of the same command, however it is spelled (links, ./, relative paths): existing files are compared
/// by device and inode, new ones by their resolved folder and name. Thread: any non-real-time thread.
/// </summary>
public static class OutputFile
{
    /// <summary>Throws <see cref="InputFileException"/> (bad input, exit 2) when the output may not be written.</summary>
    /// <param name="output">The output path and what it is.</param>
    /// <param name="others">Every input and every other output of the command; null paths are skipped.</param>
    /// <returns>The path to write: through a link to a regular file, the file it names, so the link stays.</returns>
    public static string Check(NamedPath output, params NamedPath[] others)
    {
        ArgumentNullException.ThrowIfNull(others);
        string path = output.Path ?? throw new ArgumentException("no output path", nameof(output));
        if (path.Length == 0)
        {
            throw new InputFileException(path, $"an empty path where the {output.What} was expected");
        }

        // Linux's NAME_MAX and PATH_MAX: caught here, not after minutes of work when the write fails.
        if (System.Text.Encoding.UTF8.GetByteCount(Path.GetFileName(path)) > 255 || System.Text.Encoding.UTF8.GetByteCount(path) >= 4096)
        {
            throw new InputFileException(path, "the file name is too long (at most 255 bytes a name, 4095 a path)");
        }

        FileNode node = FileNode.Of(path);
        if (node.Kind is not (FileKind.Missing or FileKind.Regular))
        {
            throw new InputFileException(path, $"{node.Kind.Describe()}; the {output.What} may only replace a regular file");
        }

        string target = node.IsLink ? File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path : path;
        CheckFolder(path, target, output.What);
        foreach (NamedPath other in others)
        {
            if (string.IsNullOrEmpty(other.Path))
            {
                continue;
            }

            FileNode otherNode = FileNode.Of(other.Path);
            bool same = node.Kind == FileKind.Regular
                ? node.IsSameFileAs(otherNode)
                : otherNode.Kind == FileKind.Missing && string.Equals(Canonical(target), Canonical(other.Path), StringComparison.Ordinal);
            if (same)
            {
                throw new InputFileException(path, $"is also the {other.What} ({other.Path}); the {output.What} must be another file");
            }
        }

        return target;
    }

    /// <summary>
    /// Checks a folder the command may create (a preset bank, an imported model): absent, or a folder; and if absent,
    /// its nearest existing parent is a folder, and no name in it is longer than the file system allows.
    /// </summary>
    /// <exception cref="InputFileException">Anything else, named.</exception>
    public static void CheckFolderToCreate(string path, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            throw new InputFileException(path, $"an empty path where the {what} was expected");
        }

        string full = Path.GetFullPath(path);
        if (full.Split('/').Any(part => System.Text.Encoding.UTF8.GetByteCount(part) > 255))
        {
            throw new InputFileException(path, "a name in the path is too long (at most 255 bytes)");
        }

        for (string? at = full; at is not null; at = Path.GetDirectoryName(at))
        {
            FileKind kind = FileNode.Of(at).Kind;
            if (kind == FileKind.Missing)
            {
                continue;
            }

            if (kind != FileKind.Directory)
            {
                throw new InputFileException(path, at == full ? $"{kind.Describe()}, not a folder" : $"{at} {kind.Describe()}, so the {what} cannot be made under it");
            }

            return;
        }
    }

    // Fail before the work, not after it: a missing or read-only folder is found in milliseconds.
    private static void CheckFolder(string path, string target, string what)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(target)) ?? ".";
        if (!Directory.Exists(folder))
        {
            throw new InputFileException(path, $"the {what}'s folder {folder} does not exist");
        }

        string probe = Path.Combine(folder, $".latentplayground-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFileException(path, $"the {what} cannot be written in {folder} ({OutputFile.Reason(e, probe)})");
        }
    }

    // A file that does not exist yet: its folder resolved through links, then its name.
    private static string Canonical(string path)
    {
        string full = Path.GetFullPath(path);
        string? folder = Path.GetDirectoryName(full);
        if (folder is null)
        {
            return full;
        }

        try
        {
            var info = new DirectoryInfo(folder);
            string resolved = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName;
            return Path.Combine(resolved, Path.GetFileName(full));
        }
        catch (IOException)
        {
            return full;
        }
    }

    /// <summary>A system error's message without the temporary file's name, which means nothing to the user.</summary>
    public static string Reason(Exception e, string temporaryPath)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(temporaryPath);
        string message = e.Message.Replace($" : '{temporaryPath}'", "", StringComparison.Ordinal)
            .Replace($"'{temporaryPath}'", "the file", StringComparison.Ordinal)
            .Replace(temporaryPath, "the file", StringComparison.Ordinal);
        return e is UnauthorizedAccessException ? $"permission denied ({message})" : message;
    }
}
