using Tmds.Linux;

namespace LatentPlayground.Live;

/// <summary>
/// The cores this process may run on (sched_getaffinity), which under a cpuset or taskset are not simply
/// 0..ProcessorCount-1. Thread: any non-real-time thread.
/// </summary>
public static class AllowedCores
{
    public static unsafe IReadOnlyList<int> Get()
    {
        cpu_set_t set;
        if (OperatingSystem.IsLinux() && LibC.sched_getaffinity(0, sizeof(cpu_set_t), &set) == 0)
        {
            var cores = new List<int>();
            for (int core = 0; core < LibC.CPU_SETSIZE; core++)
            {
                if (LibC.CPU_ISSET(core, &set))
                {
                    cores.Add(core);
                }
            }

            return cores;
        }

        return [.. Enumerable.Range(0, Environment.ProcessorCount)];
    }
}
