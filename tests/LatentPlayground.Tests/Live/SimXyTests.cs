using System.Text.RegularExpressions;
using LatentPlayground.Core.Xy;
using LatentPlayground.Pedal;
using LatentPlayground.Xy;

namespace LatentPlayground.Tests.Live;

/// <summary>
/// The XY control as a player works it on the pedal, through <c>run --sim</c> and its keys: the encoder goes to the
/// XY page and ADDs a point, knob 1 moves X and a second point is added, TRAIN runs while the pedal plays, PREDICT is
/// switched on and knob 1 sweeps X back. The log says the training's loss, the mapping is kept in the state folder,
/// and the real-time threads neither allocate nor miss a hop.
/// </summary>
[Collection(LiveTestCollection.Name)]
public sealed partial class SimXyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lp-sim-xy-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Points_are_added_trained_and_predicted_while_the_pedal_plays()
    {
        // '~' waits 0.3 s. Four turns to the XY page, into its rows, down to ADD, push; knob 1 up eight steps (X from
        // 0.5 to about 0.9), push ADD again; down to TRAIN, push, wait; up to Predict, edit, turn on, done; knob 1 down.
        const string keys = "~~~~~~.~.~.~.~\n~.~.~.~.~\n~~11111111~~\n~~.~.~.~\n~~~~~~~~~,~,~,~,~,~,~,~\n~.~\n~qqqqqq~~~~~~";
        string errors = await SimProcess.PlayAsync(_folder, keys, "--duration", "14", "--budget-ms", "30");
        Assert.Contains("XY: training on 2 points", errors, StringComparison.Ordinal);
        Assert.Matches(Trained(), errors);
        Assert.DoesNotContain("warning: XY", errors, StringComparison.Ordinal);

        XyMapping kept = XyFiles.Load(Path.Combine(_folder, "state", PedalReducer.XyFileName));
        Assert.Equal(2, kept.Points.Count);
        Assert.InRange(kept.Points[1].X - kept.Points[0].X, 0.3, 0.5);
        Assert.NotNull(kept.Network);

        SimProcess.AssertRealTimeClean(errors);
    }

    [GeneratedRegex(@"XY: trained on 2 points, 3000 epochs: loss [0-9.e-]+")]
    private static partial Regex Trained();
}
