namespace LatentPlayground.Core.Engine;

/// <summary>
/// Holds back the changes of a preset switch, from <see cref="ParameterChange.BeginSwitch"/> to
/// <see cref="ParameterChange.EndSwitch"/>, so that they take effect together at a hop boundary the engine
/// chooses. Thread: the engine thread that drains the queue; never allocates.
/// </summary>
internal sealed class SwitchStaging
{
    private bool _collecting;

    /// <summary>The settings the switch goes to: the current ones with the switch's changes applied.</summary>
    public ParameterTargets Targets { get; } = new();

    /// <summary>True once a whole switch has been received and not yet committed.</summary>
    public bool Ready { get; private set; }

    /// <summary>Takes <paramref name="change"/> if it belongs to a switch; returns false for an ordinary change.</summary>
    public bool Offer(in ParameterChange change, ParameterTargets current)
    {
        if (change.IsBeginSwitch)
        {
            Targets.CopyFrom(current);
            _collecting = true;
            Ready = false;
            return true;
        }

        if (change.IsEndSwitch)
        {
            Ready = _collecting;
            _collecting = false;
            return true;
        }

        if (_collecting)
        {
            Targets.Apply(change);
            return true;
        }

        return false;
    }

    /// <summary>The switch has taken effect.</summary>
    public void Committed() => Ready = false;

    /// <summary>
    /// An ordinary change that came after a switch still waiting for its hop: it goes into the switch's targets too,
    /// or the commit would undo it (a knob moved just after a recall would be lost on this side only).
    /// </summary>
    public void FollowIfStaged(in ParameterChange change)
    {
        if (Ready)
        {
            _ = Targets.Apply(change);
        }
    }
}
