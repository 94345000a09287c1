namespace LatentPlayground.Core.Engine;

/// <summary>
/// Holds a preset switch (<see cref="ParameterChange.Switch"/>) until the hop boundary the engine chooses for it,
/// so that all its values take effect together. Thread: the engine thread that reads the inbox; never allocates.
/// </summary>
internal sealed class SwitchStaging
{
    /// <summary>The settings the switch goes to: the current ones with the switch's values.</summary>
    public ParameterTargets Targets { get; } = new();

    /// <summary>True once a switch has been received and not yet committed.</summary>
    public bool Ready { get; private set; }

    /// <summary>
    /// Takes <paramref name="change"/> if it is a switch, copying its snapshot out of the inbox at once (so the
    /// control thread may reuse it); returns false for an ordinary change.
    /// </summary>
    public bool Offer(in ParameterChange change, ParameterTargets current, EngineInbox.InboxReader reader)
    {
        if (!change.IsSwitch)
        {
            return false;
        }

        // A second switch before the first's hop replaces it: its snapshot is the whole sound, actions aside.
        if (!Ready)
        {
            Targets.CopyFrom(current);
        }

        reader.TakeSwitch(change, Targets);
        Ready = true;
        return true;
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
