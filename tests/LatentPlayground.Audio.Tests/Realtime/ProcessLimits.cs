using System.Globalization;

namespace LatentPlayground.Audio.Tests.Realtime;

/// <summary>Soft resource limits read from /proc/self/limits; null means unlimited.</summary>
internal static class ProcessLimits
{
    public static ulong? RealtimePriority => Soft("Max realtime priority");

    public static ulong? LockedMemory => Soft("Max locked memory");

    private static ulong? Soft(string name)
    {
        foreach (string line in File.ReadLines("/proc/self/limits"))
        {
            if (line.StartsWith(name, StringComparison.Ordinal))
            {
                string soft = line[name.Length..].TrimStart().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                return soft == "unlimited" ? null : ulong.Parse(soft, CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc/self/limits has no '{name}' line");
    }
}
