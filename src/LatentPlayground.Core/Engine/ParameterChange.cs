using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Core.Engine;

/// <summary>
/// One parameter change on its way to the real-time side: a small plain struct, passed by value through
/// a single-producer single-consumer queue. Actions (trigger) travel the same way with value 1.
/// </summary>
public readonly record struct ParameterChange(ParameterId Id, double Value)
{
    private const ParameterId BeginSwitchId = (ParameterId)(-1);
    private const ParameterId EndSwitchId = (ParameterId)(-2);

    /// <summary>
    /// Opens a preset switch: the changes that follow, up to <see cref="EndSwitch"/>, are held back and
    /// take effect together, with the wet signal dipping to the aligned dry signal across the hop where
    /// they start, so the switch cannot pop.
    /// </summary>
    public static ParameterChange BeginSwitch => new(BeginSwitchId, 0);

    /// <summary>Closes a preset switch opened by <see cref="BeginSwitch"/>.</summary>
    public static ParameterChange EndSwitch => new(EndSwitchId, 0);

    public bool IsBeginSwitch => Id == BeginSwitchId;

    public bool IsEndSwitch => Id == EndSwitchId;
}
