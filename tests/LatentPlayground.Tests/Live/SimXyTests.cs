using System.Diagnostics;
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
        using Process run = SimProcess.Start(_folder, "--duration", "14", "--budget-ms", "30");
        Task<string> stdout = run.StandardOutput.ReadToEndAsync();
        Task<string> stderr = run.StandardError.ReadToEndAsync();

        // '~' waits 0.3 s. Four turns to the XY page, into its rows, down to ADD, push; knob 1 up eight steps (X from
        // 0.5 to about 0.9), push ADD again; down to TRAIN, push, wait; up to Predict, edit, turn on, done; knob 1 down.
        const string keys = "~~~~~~.~.~.~.~\n~.~.~.~.~\n~~11111111~~\n~~.~.~.~\n~~~~~~~~~,~,~,~,~,~,~,~\n~.~\n~qqqqqq~~~~~~";
        await run.StandardInput.WriteAsync(keys);
        run.StandardInput.Close();
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(90)), "run --sim did not stop after its duration");
        _ = await stdout;
        string errors = await stderr;

        Assert.True(run.ExitCode == 0, errors);
        Assert.Contains("XY: training on 2 points", errors, StringComparison.Ordinal);
        Assert.Matches(Trained(), errors);
        Assert.DoesNotContain("control tick failed", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("warning: XY", errors, StringComparison.Ordinal);

        XyMapping kept = XyFiles.Load(Path.Combine(_folder, "state", PedalReducer.XyFileName));
        Assert.Equal(2, kept.Points.Count);
        Assert.InRange(kept.Points[1].X - kept.Points[0].X, 0.3, 0.5);
        Assert.NotNull(kept.Network);

        Match end = FinalCounters().Match(errors);
        Assert.True(end.Success, errors);
        Assert.Equal(("0", "0", "0"), (end.Groups["late"].Value, end.Groups["audio"].Value, end.Groups["inference"].Value));
    }

    [GeneratedRegex(@"XY: trained on 2 points, 3000 epochs: loss [0-9.e-]+")]
    private static partial Regex Trained();

    [GeneratedRegex(@"late hops (?<late>\d+), skipped hops \d+, xruns \d+;.*allocated audio (?<audio>\d+) B, inference (?<inference>\d+) B", RegexOptions.Multiline)]
    private static partial Regex FinalCounters();
}
