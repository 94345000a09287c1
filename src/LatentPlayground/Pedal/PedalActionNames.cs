namespace LatentPlayground.Pedal;

/// <summary>The names the controls map and MIDI map give the <see cref="PedalAction"/>s. Thread: any.</summary>
public static class PedalActionNames
{
    private static readonly (PedalAction Action, string Name)[] Names =
    [
        (PedalAction.None, "none"),
        (PedalAction.Bypass, "bypass"),
        (PedalAction.TapTempo, "tap-tempo"),
        (PedalAction.Trigger, "trigger"),
        (PedalAction.Freeze, "freeze"),
        (PedalAction.NextPreset, "next-preset"),
        (PedalAction.PreviousPreset, "previous-preset"),
        (PedalAction.BankUp, "bank-up"),
        (PedalAction.BankDown, "bank-down"),
        (PedalAction.SavePreset, "save-preset"),
        (PedalAction.BendSet, "bend-set"),
        (PedalAction.BendRecall, "bend-recall"),
        (PedalAction.BendRevert, "bend-revert"),
        (PedalAction.BendReload, "bend-reload"),
        (PedalAction.XyAdd, "xy-add"),
        (PedalAction.XyUpdate, "xy-update"),
        (PedalAction.XyDelete, "xy-delete"),
        (PedalAction.XyTrain, "xy-train"),
        (PedalAction.XyReset, "xy-reset"),
        (PedalAction.LoopCapture, "loop-capture"),
    ];

    /// <summary>Every name, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> All { get; } = Array.ConvertAll(Names, n => n.Name);

    /// <summary>The action called <paramref name="name"/>; false when there is none.</summary>
    public static bool TryParse(string? name, out PedalAction action)
    {
        foreach ((PedalAction a, string n) in Names)
        {
            if (n == name)
            {
                action = a;
                return true;
            }
        }

        action = PedalAction.None;
        return false;
    }

    /// <summary>The action's name in the maps.</summary>
    public static string Name(PedalAction action) => Array.Find(Names, n => n.Action == action).Name ?? "none";
}
