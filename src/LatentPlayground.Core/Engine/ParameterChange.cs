using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Core.Engine;

/// <summary>
/// One parameter change on its way to the real-time side: a small plain struct, passed by value through
/// a single-producer single-consumer queue. Actions (trigger) travel the same way with value 1.
/// </summary>
public readonly record struct ParameterChange(ParameterId Id, double Value)
{
    private const ParameterId SwitchId = (ParameterId)(-1);

    /// <summary>
    /// A preset switch: every value of snapshot <paramref name="slot"/> of the <see cref="EngineInbox"/> takes
    /// effect together at a hop boundary the engine chooses, with the wet signal dipping to the aligned dry signal
    /// across that hop, so the switch cannot pop.
    /// </summary>
    public static ParameterChange Switch(int slot) => new(SwitchId, slot);

    public bool IsSwitch => Id == SwitchId;

    /// <summary>The inbox snapshot a switch message points at.</summary>
    public int SwitchSlot => (int)Value;
}
