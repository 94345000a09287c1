namespace LatentPlayground.Hardware.Switches;

/// <summary>What a momentary switch did. See <see cref="PressGestures"/> for exactly when each is reported.</summary>
public enum SwitchEventKind
{
    /// <summary>The debounced contact closed. Always reported at once.</summary>
    Pressed = 0,

    /// <summary>The debounced contact opened. Always reported at once.</summary>
    Released = 1,

    /// <summary>
    /// A completed short press that was neither a long press nor part of a double press. Reported at the release
    /// when double press is off, else once the double-press window after the release has passed.
    /// </summary>
    SinglePress = 2,

    /// <summary>The switch has been held for the long-press time; reported while still held, once per press.</summary>
    LongPress = 3,

    /// <summary>A second press began within the double-press window after a short press; reported at that second press.</summary>
    DoublePress = 4,
}
