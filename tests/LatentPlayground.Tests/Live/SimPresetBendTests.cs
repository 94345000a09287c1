using System.Diagnostics;
using LatentPlayground.Presets;

namespace LatentPlayground.Tests.Live;

/// <summary>
/// A preset that names a bend, recalled on the pedal: <c>run --sim</c>, footswitch C steps to the preset, the pedal
/// loads the model's live weights (INIT) and then the preset's bend configuration, off the control thread; a preset
/// whose bend does not fit the model is one warning naming the layer, and the model is unchanged.
/// </summary>
[Collection(LiveTestCollection.Name)]
public sealed class SimPresetBendTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lp-sim-preset-bend-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Recalling_a_preset_with_a_bend_loads_it_and_a_bad_one_is_one_warning()
    {
        string bank = Path.Combine(_folder, "bank");
        PresetLocations.EnsureBank(bank);
        (int code, _, string error) = CliRunner.Run("bend", "apply", "--layer", "decoder:decoder.net.layers.2.weight", "--op", "scale", "--scale", "1.5", "--out", Path.Combine(bank, "glass.json"));
        Assert.True(code == 0, error);

        // A configuration for a layer the model does not have.
        File.WriteAllText(Path.Combine(bank, "wrong.json"), File.ReadAllText(Path.Combine(bank, "glass.json")).Replace("\"weights\": \"glass.wav\"", "\"weights\": \"wrong.wav\"", StringComparison.Ordinal)
            .Replace("\"name\": \"decoder:decoder.net.layers.2.weight\"", "\"name\": \"decoder:no.such.layer\"", StringComparison.Ordinal));
        File.Copy(Path.Combine(bank, "glass.wav"), Path.Combine(bank, "wrong.wav"));
        SetBending(Path.Combine(bank, "02-simplex-glass.json"), "glass.json");
        SetBending(Path.Combine(bank, "03-perlin-drift.json"), "wrong.json");

        using Process run = SimProcess.Start(_folder, "--duration", "14", "--budget-ms", "30");
        Task<string> stdout = run.StandardOutput.ReadToEndAsync();
        Task<string> stderr = run.StandardError.ReadToEndAsync();

        // '~' waits 0.3 s: C steps to the second preset, the live weights load, then C steps to the third.
        await run.StandardInput.WriteAsync("~~~~~~d~~~~~~~~~~~~~~~~~~~~~~d~~~~~~~~~~");
        run.StandardInput.Close();
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(90)), "run --sim did not stop after its duration");
        _ = await stdout;
        string errors = await stderr;

        Assert.True(run.ExitCode == 0, errors);
        Assert.Contains("preset 1: Simplex glass", errors, StringComparison.Ordinal);
        Assert.Contains("bending ready: ", errors, StringComparison.Ordinal);
        Assert.Contains($"bending: {Path.Combine(bank, "glass.json")} loaded (1 layers)", errors, StringComparison.Ordinal);
        Assert.Contains("decoder:no.such.layer is not a layer of latentplayground-default", errors, StringComparison.Ordinal);
        Assert.Contains("the model is unchanged", errors, StringComparison.Ordinal);
        Assert.Contains("late hops 0,", errors, StringComparison.Ordinal);
    }

    private static void SetBending(string presetPath, string bending)
    {
        var preset = (System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(presetPath))!;
        preset["bending"] = bending;
        File.WriteAllText(presetPath, preset.ToJsonString());
    }
}
