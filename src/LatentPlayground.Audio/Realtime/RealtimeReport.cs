using System.Globalization;

namespace LatentPlayground.Audio.Realtime;

/// <summary>What a real-time thread got, for the startup log. Thread: any; immutable.</summary>
/// <param name="ThreadName">The thread's name.</param>
/// <param name="FifoPriority">The SCHED_FIFO priority asked for, or null.</param>
/// <param name="PriorityApplied">True when the thread runs on SCHED_FIFO at that priority.</param>
/// <param name="Core">The core asked for, or null.</param>
/// <param name="CoreApplied">True when the thread is pinned to that core.</param>
/// <param name="Warning">Why something asked for was not applied, in one sentence; null when all was.</param>
public sealed record RealtimeReport(string ThreadName, int? FifoPriority, bool PriorityApplied, int? Core, bool CoreApplied, string? Warning)
{
    public override string ToString()
    {
        string scheduling = (FifoPriority, PriorityApplied) switch
        {
            (null, _) => "normal scheduling",
            (int p, true) => string.Create(CultureInfo.InvariantCulture, $"SCHED_FIFO {p}"),
            (int p, false) => string.Create(CultureInfo.InvariantCulture, $"normal scheduling (SCHED_FIFO {p} refused)"),
        };
        string placement = (Core, CoreApplied) switch
        {
            (null, _) => "any core",
            (int c, true) => string.Create(CultureInfo.InvariantCulture, $"core {c}"),
            (int c, false) => string.Create(CultureInfo.InvariantCulture, $"any core (core {c} refused)"),
        };
        return $"{ThreadName} thread: {scheduling}, {placement}";
    }
}
