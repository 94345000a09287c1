namespace LatentPlayground.Live;

/// <summary>A real-time thread's SCHED_FIFO priority (null: normal scheduling) and core. Thread: any; immutable.</summary>
/// <param name="Priority">SCHED_FIFO priority 1..99, or null.</param>
/// <param name="Core">Which core to pin to.</param>
public sealed record ThreadConfig(int? Priority, CoreChoice Core);
