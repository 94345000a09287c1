namespace LatentPlayground.Controls;

/// <summary>What one footswitch does on a press, a long press and a double press (action names, <see cref="PedalActions"/>).</summary>
public sealed record FootswitchGestures(string Press, string LongPress, string DoublePress);

/// <summary>
/// The footswitch part of the controls map, by footswitch name (the pin map's names: A, B, C).
/// Defaults: A bypass, long press tap tempo; B trigger, long press latent freeze; C next preset, long
/// press previous, double press save.
/// </summary>
public sealed record FootswitchMap(IReadOnlyDictionary<string, FootswitchGestures> Footswitches)
{
    public static FootswitchMap Default { get; } = new(new Dictionary<string, FootswitchGestures>
    {
        ["A"] = new("bypass", "tap-tempo", PedalActions.None),
        ["B"] = new("trigger", "freeze", PedalActions.None),
        ["C"] = new("next-preset", "previous-preset", "save-preset"),
    });
}
