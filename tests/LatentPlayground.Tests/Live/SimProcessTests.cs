using System.Diagnostics;

namespace LatentPlayground.Tests.Live;

/// <summary>
/// <c>latentplayground run --sim</c> as a player starts it, with a key script on standard input: the panel
/// shows, a footswitch key bypasses (LED A goes dark), and the quit key stops the pedal cleanly.
/// </summary>
[Collection(LiveTestCollection.Name)]
public sealed class SimProcessTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lp-sim-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Keys_press_the_simulated_footswitches_and_turn_the_encoder_and_x_quits()
    {
        using Process run = SimProcess.Start(_folder, "--duration", "20");
        Task<string> stdout = run.StandardOutput.ReadToEndAsync();
        Task<string> stderr = run.StandardError.ReadToEndAsync();

        // '~' waits 0.3 s: let the panel draw, bypass with A, turn to the modulators page, then quit.
        await run.StandardInput.WriteAsync("~~~~~~a~~~~.~~~~x");
        run.StandardInput.Close();
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(60)), "run --sim did not stop on the quit key");
        string output = await stdout, errors = await stderr;

        Assert.True(run.ExitCode == 0, errors);
        Assert.Contains("stopped by the simulator's quit key", errors, StringComparison.Ordinal);
        string[] panels = output.Split("--- panel ", StringSplitOptions.RemoveEmptyEntries);
        Assert.True(panels.Length >= 3, output);
        Assert.Contains("LEDs: A (*)", panels[0], StringComparison.Ordinal);
        Assert.Contains("LEDs: A ( )", panels[^1], StringComparison.Ordinal);
        Assert.Contains('█', panels[^1]); // the OLED drawn from the simulated glass
        Assert.NotEqual(Oled(panels[0]), Oled(panels[^1]));
    }

    private static string Oled(string panel) => panel[..panel.IndexOf("LEDs:", StringComparison.Ordinal)];
}
