namespace LatentPlayground.Audio.Realtime;

/// <summary>Whether the process's memory is locked, and a sentence for the startup log either way.</summary>
public sealed record MemoryLockResult(bool Locked, string Message);
