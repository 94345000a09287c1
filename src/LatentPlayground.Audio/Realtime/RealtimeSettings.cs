namespace LatentPlayground.Audio.Realtime;

/// <summary>How a real-time thread should run. Thread: any; immutable.</summary>
/// <param name="Name">The thread's name, as shown by top -H and in logs.</param>
/// <param name="FifoPriority">SCHED_FIFO priority (1–99 on Linux), or null to keep the normal scheduler.</param>
/// <param name="Core">The one core to run on, or null for any.</param>
public sealed record RealtimeSettings(string Name, int? FifoPriority = null, int? Core = null);
