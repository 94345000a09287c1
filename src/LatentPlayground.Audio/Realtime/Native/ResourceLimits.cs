using System.Runtime.InteropServices;

namespace LatentPlayground.Audio.Realtime.Native;

/// <summary>
/// getrlimit(2), to say in a warning which limit stood in the way. The resource numbers are those of
/// include/uapi/asm-generic/resource.h, which x86-64 and arm64 both use.
/// </summary>
internal static partial class ResourceLimits
{
    public const int RlimitMemlock = 8;
    public const int RlimitRtprio = 14;

    /// <summary>RLIM_INFINITY: all bits set in an unsigned long.</summary>
    public const ulong Infinity = ulong.MaxValue;

    /// <summary>The soft limit, or null where it cannot be read.</summary>
    public static ulong? Soft(int resource)
    {
        try
        {
            return GetRLimit(resource, out RLimit limit) == 0 ? limit.Current : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    public static string Describe(ulong? limit) => limit switch
    {
        null => "unknown",
        Infinity => "unlimited",
        ulong value => value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public nuint Cur;
        public nuint Max;

        public readonly ulong Current => Cur == nuint.MaxValue ? Infinity : Cur;
    }

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetRLimit(int resource, out RLimit limit);
}
