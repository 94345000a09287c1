using System.Globalization;

namespace LatentPlayground.Live;

/// <summary>
/// Which core a real-time thread is pinned to: a fixed one, none (any core), or "auto": the last two cores
/// this process may run on, audio on the second last and inference on the last. On a Raspberry Pi 5 that is
/// cores 2 and 3, leaving 0 and 1 to the kernel's interrupts, the control thread and the runtime's threads.
/// Thread: any; immutable.
/// </summary>
public readonly record struct CoreChoice
{
    private CoreChoice(bool auto, int? core)
    {
        IsAuto = auto;
        Core = core;
    }

    public static CoreChoice Auto { get; } = new(true, null);

    public static CoreChoice Any { get; } = new(false, null);

    public bool IsAuto { get; }

    /// <summary>The fixed core, or null for auto and any.</summary>
    public int? Core { get; }

    public static CoreChoice Fixed(int core)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(core);
        return new CoreChoice(false, core);
    }

    /// <summary>
    /// The core to pin to, given the cores this process may use in ascending order. Auto picks from the
    /// end: <paramref name="fromEnd"/> 1 is the last core, 2 the one before; with too few cores, none.
    /// </summary>
    public int? Resolve(IReadOnlyList<int> allowedCores, int fromEnd)
    {
        ArgumentNullException.ThrowIfNull(allowedCores);
        if (!IsAuto)
        {
            return Core;
        }

        // One core shared by everything: pinning would only take choices away from the scheduler.
        return allowedCores.Count >= 2 && fromEnd <= allowedCores.Count ? allowedCores[^fromEnd] : null;
    }

    public override string ToString() => IsAuto ? "auto" : Core is int c ? c.ToString(CultureInfo.InvariantCulture) : "any";
}
