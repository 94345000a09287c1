using System.Diagnostics;
using LatentPlayground.Core.Xy;
using LatentPlayground.Pedal;
using LatentPlayground.Xy;

namespace LatentPlayground.Tests.Pedal;

/// <summary>The XY mapping as the writer thread keeps it in the state folder, and a TRAIN waited for in control ticks.</summary>
internal static class XyState
{
    /// <summary>The mapping on disk once it satisfies the test, or as it is after 5 s (an empty one while there is no file).</summary>
    public static XyMapping Eventually(string stateFolder, Func<XyMapping, bool> done)
    {
        string path = Path.Combine(stateFolder, PedalReducer.XyFileName);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            XyMapping mapping = File.Exists(path) ? XyFiles.Load(path) : new XyMapping(PedalReducer.DefaultXyGroups);
            if (done(mapping) || waited.Elapsed > TimeSpan.FromSeconds(5))
            {
                return mapping;
            }

            Thread.Sleep(20);
        }
    }

    /// <summary>Runs control ticks until the TRAIN under way is taken (the training thread runs in real time; 30 s at most).</summary>
    public static void TrainToEnd(ReducerRig rig)
    {
        var waited = Stopwatch.StartNew();
        while (rig.Reducer.XyTraining && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            Thread.Sleep(5);
            rig.Run(10);
        }

        Assert.False(rig.Reducer.XyTraining, "the XY training did not finish in 30 s");
    }
}
