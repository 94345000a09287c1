using LatentPlayground.Pedal;

namespace LatentPlayground.Controls;

/// <summary>
/// The action names a footswitch gesture (or a CC bound to an action) can carry in the controls map, for its
/// validation: the names of <see cref="PedalAction"/> (<see cref="PedalActionNames"/>).
/// </summary>
public static class PedalActions
{
    public const string None = "none";

    public static IReadOnlyList<string> All => PedalActionNames.All;

    public static bool IsKnown(string name) => PedalActionNames.TryParse(name, out _);
}
