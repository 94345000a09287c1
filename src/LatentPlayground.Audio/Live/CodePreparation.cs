using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LatentPlayground.Audio.Alsa;
using LatentPlayground.Audio.Alsa.Native;
using LatentPlayground.Audio.Live.Native;
using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Realtime;

namespace LatentPlayground.Audio.Live;

/// <summary>
/// Compiles the real-time threads' own code and binds their native calls before the threads start. The
/// first call of a method costs a just-in-time compilation, and the first call of a native function a stub
/// and a symbol lookup: milliseconds, on the audio thread's first period, where the buffer holds only a few.
/// (The engine's code is warmed by running it, in <see cref="EngineWarmUp"/>.)
/// Thread: control, before the driver starts its threads.
/// </summary>
internal static class CodePreparation
{
    private static readonly Type[] RealtimeTypes =
    [
        typeof(AudioLoop), typeof(InferenceLoop), typeof(PeriodClock), typeof(MonotonicClock), typeof(TimeHistogram),
        typeof(OutputFade), typeof(AlsaDuplexStream), typeof(AlsaPcm), typeof(PcmSampleConverter), typeof(AlsaError),
        typeof(LibAsound), typeof(ClockNative), typeof(SnapshotPublisher<AudioCounters>), typeof(SnapshotPublisher<InferenceCounters>),

        // The engine's steady path is warmed by running it (EngineWarmUp); a model swap's path (retire, hold,
        // concealment, crossfade) first runs on the real-time threads mid-set, so it is compiled here.
        typeof(SwappableEngine), typeof(LiveEngine),
    ];

    public static void Run()
    {
        foreach (Type type in RealtimeTypes)
        {
            // Binds every native function the type declares (the LibraryImport stubs' inner DllImports included).
            Marshal.PrelinkAll(type);
            foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (method.IsAbstract || method.ContainsGenericParameters || (method.Attributes & MethodAttributes.PinvokeImpl) != 0)
                {
                    continue;
                }

                RuntimeHelpers.PrepareMethod(method.MethodHandle, type.IsGenericType ? [.. type.GetGenericArguments().Select(t => t.TypeHandle)] : null);
            }
        }
    }
}
