namespace LatentPlayground.Tests.Live;

/// <summary>
/// Bending as a player does it on the pedal, through <c>run --sim</c> and its keys: the encoder turns to the bending
/// page and moves the layer (INIT: the model's fp32 graphs on live weights swap in), then edits SCALE, and
/// footswitch B SETs the bend and its long press RECALLs it. The log says each step, and the real-time threads
/// neither allocate nor miss a hop.
/// </summary>
[Collection(LiveTestCollection.Name)]
public sealed class SimBendingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lp-sim-bend-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_bending_page_inits_sets_and_recalls_a_bend_while_the_pedal_plays()
    {
        // '~' waits 0.3 s. Three turns to the bending page, into its rows, edit the layer and turn it (INIT), wait for
        // the live weights, back out, down to Scale, edit it up four detents, out, B (SET), held B (RECALL).
        const string keys = "~~~~~~...~\n~\n~.~~~~~~~~~~~~~~~~~~~~~~~/~~~~~.....~\n~....~/~~~~~s~~~~~S~~~~~~";
        string errors = await SimProcess.PlayAsync(_folder, keys, "--duration", "16", "--budget-ms", "30");
        Assert.Contains("loading its fp32 graphs on live weights for bending", errors, StringComparison.Ordinal);
        Assert.Contains("bending ready: ", errors, StringComparison.Ordinal);
        Assert.True(errors.Contains("bend SET: decoder:", StringComparison.Ordinal), errors);
        Assert.Contains("bend RECALL (0 to recall)", errors, StringComparison.Ordinal);

        SimProcess.AssertRealTimeClean(errors);
    }
}
