using System.Diagnostics;
using LatentPlayground.State;

namespace LatentPlayground.Tests.State;

/// <summary>The settings as the writer thread puts them on disk: read until they satisfy the test, or 5 s pass.</summary>
internal static class Persisted
{
    public static PedalSettings Eventually(string folder, Func<PedalSettings, bool> done)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            PedalSettings settings = PedalSettingsFile.Load(folder).Settings;
            if (done(settings) || waited.Elapsed > TimeSpan.FromSeconds(5))
            {
                return settings;
            }

            Thread.Sleep(20);
        }
    }
}
