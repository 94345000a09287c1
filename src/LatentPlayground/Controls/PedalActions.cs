namespace LatentPlayground.Controls;

/// <summary>
/// The actions a footswitch gesture (or a CC bound to an action) can fire: the one list, used by the
/// controls map's validation, the MIDI map's action bindings and the control thread.
/// </summary>
public static class PedalActions
{
    public const string None = "none";

    public static readonly IReadOnlyList<string> All =
    [
        None, "bypass", "tap-tempo", "trigger", "freeze", "next-preset", "previous-preset",
        "bank-up", "bank-down", "save-preset",
    ];

    public static bool IsKnown(string name) => All.Contains(name);
}
