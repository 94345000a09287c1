namespace LatentPlayground.Midi.Mapping;

/// <summary>
/// The shape of a footswitch action name ("bypass", "next-preset", "bank-up"). The footswitch code owns the
/// list of actions; the map only carries names, so it checks their shape, not their meaning. Pure; any thread.
/// </summary>
public static class FootswitchActionName
{
    public const int MaxLength = 32;

    public const string Rule = "1 to 32 lowercase letters, digits and '-', starting with a letter";

    /// <summary>True when <paramref name="name"/> follows <see cref="Rule"/>. Thread: any.</summary>
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength || name[0] is < 'a' or > 'z')
        {
            return false;
        }

        foreach (char c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
