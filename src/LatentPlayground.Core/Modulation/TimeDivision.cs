namespace LatentPlayground.Core.Modulation;

/// <summary>
/// The choices of a dimension's Time control: off, free-running in milliseconds, or a note value
/// (1/1 to 1/32, straight, dotted or triplet) that restarts the trajectory on the tempo grid.
/// The index of a choice is the stored parameter value, so the order never changes.
/// </summary>
public static class TimeDivision
{
    /// <summary>Index of "off": the trajectory never restarts by itself.</summary>
    public const int Off = 0;

    /// <summary>Index of "free": restart every Time-ms milliseconds, with or without a tempo.</summary>
    public const int Free = 1;

    private const int FirstNote = 2;
    private static readonly int[] Denominators = [1, 2, 4, 8, 16, 32];

    /// <summary>Choice names as users type and see them: "off", "free", "1/4", "1/4." (dotted), "1/4t" (triplet).</summary>
    public static IReadOnlyList<string> Names { get; } = BuildNames();

    /// <summary>True when the choice is a note value.</summary>
    public static bool IsNote(int index) => index >= FirstNote && index < Names.Count;

    /// <summary>Length of a note-value choice in quarter-note beats; 0 for off and free.</summary>
    public static double LengthInBeats(int index)
    {
        if (!IsNote(index))
        {
            return 0;
        }

        int note = index - FirstNote;
        double straight = 4.0 / Denominators[note / 3];
        return (note % 3) switch
        {
            0 => straight,
            1 => straight * 1.5,
            _ => straight * 2.0 / 3.0,
        };
    }

    /// <summary>Finds a choice by name; accepts "1/4d" for dotted and "1/4T" for triplet as well.</summary>
    public static bool TryParse(string text, out int index)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim().ToLowerInvariant();
        if (t.EndsWith('d'))
        {
            t = string.Concat(t.AsSpan(0, t.Length - 1), ".");
        }

        for (int i = 0; i < Names.Count; i++)
        {
            if (Names[i] == t)
            {
                index = i;
                return true;
            }
        }

        index = -1;
        return false;
    }

    private static string[] BuildNames()
    {
        var names = new List<string> { "off", "free" };
        foreach (int d in Denominators)
        {
            names.Add($"1/{d}");
            names.Add($"1/{d}.");
            names.Add($"1/{d}t");
        }

        return [.. names];
    }
}
