namespace LatentPlayground.Audio.Tests.Realtime;

/// <summary>
/// A test of a refusal that only a resource limit can cause once the capability is dropped: skipped where
/// the limit is high enough to grant the request anyway. Probed, not guessed.
/// </summary>
internal sealed class LimitedFactAttribute : FactAttribute
{
    public LimitedFactAttribute(string limit, long mustBeBelow)
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Linux only";
            return;
        }

        ulong? value = limit switch
        {
            nameof(ProcessLimits.RealtimePriority) => ProcessLimits.RealtimePriority,
            nameof(ProcessLimits.LockedMemory) => ProcessLimits.LockedMemory,
            _ => throw new ArgumentOutOfRangeException(nameof(limit)),
        };
        if (value is null || value >= (ulong)mustBeBelow)
        {
            Skip = $"{limit} is {value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unlimited"}: the request would be granted without the capability";
        }
    }
}
