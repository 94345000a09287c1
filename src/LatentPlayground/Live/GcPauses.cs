using System.Globalization;

namespace LatentPlayground.Live;

/// <summary>
/// The garbage collector's effect on a run: collections by generation and the time they paused the process, from the
/// moment audio starts. A pause stops every managed thread, the audio thread included once it returns from ALSA, so
/// this is what the control side's allocations cost the sound; the real-time threads themselves allocate nothing.
/// The longest pause is read from the runtime's record of the last collection of each kind at every
/// <see cref="Sample"/> (the watch ticks four times a second; collections are far rarer), the total from the
/// runtime's own sum.
/// Thread: the thread that runs the session's watch.
/// </summary>
public sealed class GcPauses
{
    private readonly int[] _countsAtStart = new int[3];
    private readonly TimeSpan _pausedAtStart;
    private readonly long[] _lastIndex = new long[3];
    private TimeSpan _longest;

    public GcPauses()
    {
        for (int g = 0; g < 3; g++)
        {
            _countsAtStart[g] = GC.CollectionCount(g);
        }

        _pausedAtStart = GC.GetTotalPauseDuration();
        Sample();
        _longest = TimeSpan.Zero;
    }

    /// <summary>The settings the runtime runs with, as the startup report gives them.</summary>
    public static string Settings => string.Create(CultureInfo.InvariantCulture,
        $"GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, {(Concurrent ? "background" : "non-concurrent")}, latency mode {System.Runtime.GCSettings.LatencyMode}");

    // The environment overrides runtimeconfig.json, which the project file writes; background GC is the runtime's default.
    private static bool Concurrent => Environment.GetEnvironmentVariable("DOTNET_gcConcurrent") is string env
        ? env != "0"
        : !AppContext.TryGetSwitch("System.GC.Concurrent", out bool on) || on;

    /// <summary>Collections since the start, all generations.</summary>
    public int Collections => GC.CollectionCount(0) - _countsAtStart[0];

    /// <summary>Time paused since the start.</summary>
    public TimeSpan Paused => GC.GetTotalPauseDuration() - _pausedAtStart;

    /// <summary>The longest pause seen.</summary>
    public TimeSpan Longest => _longest;

    /// <summary>Reads the last collection of each kind.</summary>
    public void Sample()
    {
        ReadOnlySpan<GCKind> kinds = [GCKind.Ephemeral, GCKind.FullBlocking, GCKind.Background];
        for (int k = 0; k < kinds.Length; k++)
        {
            GCMemoryInfo info = GC.GetGCMemoryInfo(kinds[k]);
            if (info.Index == 0 || info.Index == _lastIndex[k])
            {
                continue;
            }

            _lastIndex[k] = info.Index;
            TimeSpan pause = TimeSpan.Zero;
            foreach (TimeSpan p in info.PauseDurations)
            {
                pause += p;
            }

            _longest = pause > _longest ? pause : _longest;
        }
    }

    /// <summary>One line for the end of the run.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"garbage collections while playing: {Collections} (gen0 {Collections - (GC.CollectionCount(1) - _countsAtStart[1])}, gen1 {GC.CollectionCount(1) - _countsAtStart[1] - (GC.CollectionCount(2) - _countsAtStart[2])}, gen2 {GC.CollectionCount(2) - _countsAtStart[2]}), paused {Paused.TotalMilliseconds:0.###} ms in all, longest {_longest.TotalMilliseconds:0.###} ms");
}
