namespace LatentPlayground.Hardware.Tests.Bindings;

/// <summary>Bytes allocated on the calling thread per call of an action, after a warm-up (JIT, first-use caches).</summary>
internal static class Allocation
{
    public static double PerCall(Action action, int calls = 1000, int warmUp = 100)
    {
        for (int i = 0; i < warmUp; i++)
        {
            action();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < calls; i++)
        {
            action();
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)calls;
    }
}
