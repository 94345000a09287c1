namespace LatentPlayground.Midi.Clock;

/// <summary>
/// The one text form of <see cref="ClockSource"/> ("internal", "midi", "tap") for settings files, the display
/// and the CLI, so a stored setting does not depend on enum numbering. Pure; any thread.
/// </summary>
public static class ClockSourceNames
{
    /// <summary>The stored name of <paramref name="source"/>. Thread: any.</summary>
    public static string ToName(ClockSource source) => source switch
    {
        ClockSource.Midi => "midi",
        ClockSource.Tap => "tap",
        _ => "internal",
    };

    /// <summary>Parses a name, ignoring case and surrounding spaces. Thread: any.</summary>
    public static bool TryParse(string? text, out ClockSource source)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "INTERNAL":
                source = ClockSource.Internal;
                return true;
            case "MIDI":
                source = ClockSource.Midi;
                return true;
            case "TAP":
                source = ClockSource.Tap;
                return true;
            default:
                source = ClockSource.Internal;
                return false;
        }
    }
}
