namespace LatentPlayground.Files;

/// <summary>The steps of an atomic write, in order, as <see cref="AtomicWriteProbe"/> sees them.</summary>
public enum AtomicWriteStep
{
    /// <summary>The temporary file exists, empty.</summary>
    TempCreated,

    /// <summary>Half the data is in the temporary file (not yet flushed).</summary>
    HalfWritten,

    /// <summary>All data is in the temporary file, not yet flushed.</summary>
    Written,

    /// <summary>The temporary file is on disk (fsync).</summary>
    Flushed,

    /// <summary>The temporary file has replaced the target (rename).</summary>
    Renamed,

    /// <summary>The folder's entry is on disk (fsync of the folder).</summary>
    FolderSynced,
}

/// <summary>
/// Called after each step of an atomic write. Tests throw from it to simulate a power cut or a crash at
/// that step; nothing after the throw runs, as after a real power cut (the temporary file may stay).
/// </summary>
public delegate void AtomicWriteProbe(AtomicWriteStep step);
