using System.Diagnostics;
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
        using Process run = SimProcess.Start(_folder, "--duration", "16", "--budget-ms", "30");
        Task<string> stdout = run.StandardOutput.ReadToEndAsync();
        Task<string> stderr = run.StandardError.ReadToEndAsync();

        // '~' waits 0.3 s. Let two bars play (4 s at 120 BPM), five turns to the loop page, into its rows, down to
        // Capture, push; then knob 1 (the pattern) up through fibo, orale, blender and swapper, a second apart.
        const string keys = "~~~~~~~~~~~~~~.~.~.~.~.~\n~.~.~\n~~~~~~~~~~1111~~~1111~~~1111~~~1111~~~~~~";
        await run.StandardInput.WriteAsync(keys);
        run.StandardInput.Close();
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(90)), "run --sim did not stop after its duration");
        _ = await stdout;
        string errors = await stderr;

        Assert.True(run.ExitCode == 0, errors);
        Assert.Matches(Captured(), errors);
        Assert.DoesNotContain("control tick failed", errors, StringComparison.Ordinal);

        Match end = FinalCounters().Match(errors);
        Assert.True(end.Success, errors);
        Assert.Equal(("0", "0", "0"), (end.Groups["late"].Value, end.Groups["audio"].Value, end.Groups["inference"].Value));
    }

    [GeneratedRegex(@"loop: captured \d+ frames \(2 bars\)")]
    private static partial Regex Captured();

    [GeneratedRegex(@"late hops (?<late>\d+), skipped hops \d+, xruns \d+;.*allocated audio (?<audio>\d+) B, inference (?<inference>\d+) B", RegexOptions.Multiline)]
    private static partial Regex FinalCounters();
}
