using System.Text.RegularExpressions;

namespace LatentPlayground.Tests.Live;

/// <summary>
/// The latent looper as a player works it, through <c>run --sim</c> and its keys, on the bundled model: the encoder
/// goes to the loop page and pushes Capture while the pedal plays, then knob 1 steps the pattern to fibo and on. The
/// log says the capture, and the real-time threads neither allocate nor miss a hop while capturing and looping.
/// </summary>
[Collection(LiveTestCollection.Name)]
public sealed partial class SimLoopTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lp-sim-loop-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_capture_loops_and_patterns_play_while_the_pedal_plays()
    {
        // '~' waits 0.3 s. Let two bars play (4 s at 120 BPM), five turns to the loop page, into its rows, down to
        // Capture, push; then knob 1 (the pattern) up through fibo, orale, blender and swapper, a second apart.
        const string keys = "~~~~~~~~~~~~~~.~.~.~.~.~\n~.~.~\n~~~~~~~~~~1111~~~1111~~~1111~~~1111~~~~~~";
        string log = await SimProcess.PlayAsync(_folder, keys, "--duration", "16", "--budget-ms", "30");
        Assert.Matches(Captured(), log);
        SimProcess.AssertRealTimeClean(log);
    }

    [GeneratedRegex(@"loop: captured \d+ frames \(2 bars\)")]
    private static partial Regex Captured();
}
