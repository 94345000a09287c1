using System.Diagnostics;
using System.Text.RegularExpressions;

namespace LatentPlayground.Tests.Live;

/// <summary>
/// Bending as a player does it on the pedal, through <c>run --sim</c> and its keys: the encoder turns to the bending
/// page and moves the layer (INIT: the model's fp32 graphs on live weights swap in), then edits SCALE, and
/// footswitch B SETs the bend and its long press RECALLs it. The log says each step, and the real-time threads
/// neither allocate nor miss a hop.
/// </summary>
[Collection(LiveTestCollection.Name)]
public sealed partial class SimBendingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lp-sim-bend-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_bending_page_inits_sets_and_recalls_a_bend_while_the_pedal_plays()
    {
        using Process run = SimProcess.Start(_folder, "--duration", "16", "--budget-ms", "30");
        Task<string> stdout = run.StandardOutput.ReadToEndAsync();
        Task<string> stderr = run.StandardError.ReadToEndAsync();

        // '~' waits 0.3 s. Three turns to the bending page, into its rows, edit the layer and turn it (INIT), wait for
        // the live weights, back out, down to Scale, edit it up four detents, out, B (SET), held B (RECALL).
        const string keys = "~~~~~~...~\n~\n~.~~~~~~~~~~~~~~~~~~~~~~~/~~~~~.....~\n~....~/~~~~~s~~~~~S~~~~~~";
        await run.StandardInput.WriteAsync(keys);
        run.StandardInput.Close();
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(90)), "run --sim did not stop after its duration");
        _ = await stdout;
        string errors = await stderr;

        Assert.True(run.ExitCode == 0, errors);
        Assert.Contains("loading its fp32 graphs on live weights for bending", errors, StringComparison.Ordinal);
        Assert.Contains("bending ready: ", errors, StringComparison.Ordinal);
        Assert.True(errors.Contains("bend SET: decoder:", StringComparison.Ordinal), errors);
        Assert.Contains("bend RECALL (0 to recall)", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("control tick failed", errors, StringComparison.Ordinal);

        Match end = FinalCounters().Match(errors);
        Assert.True(end.Success, errors);
        Assert.Equal(("0", "0", "0"), (end.Groups["late"].Value, end.Groups["audio"].Value, end.Groups["inference"].Value));
    }

    [GeneratedRegex(@"late hops (?<late>\d+), skipped hops \d+, xruns \d+;.*allocated audio (?<audio>\d+) B, inference (?<inference>\d+) B", RegexOptions.Multiline)]
    private static partial Regex FinalCounters();
}
