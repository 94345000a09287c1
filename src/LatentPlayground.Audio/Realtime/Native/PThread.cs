using System.Runtime.InteropServices;

namespace LatentPlayground.Audio.Realtime.Native;

/// <summary>
/// The scheduler calls Tmds.LibC lacks: pthread_setschedparam(3) on pthread_self(3). Unlike most of libc
/// these return the error number instead of setting errno. glibc's struct sched_param is one int.
/// </summary>
internal static partial class PThread
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SchedParam
    {
        public int SchedPriority;
    }

    [LibraryImport("libc", EntryPoint = "pthread_self")]
    public static partial nuint Self();

    [LibraryImport("libc", EntryPoint = "pthread_setschedparam")]
    public static partial int SetSchedParam(nuint thread, int policy, in SchedParam param);
}
