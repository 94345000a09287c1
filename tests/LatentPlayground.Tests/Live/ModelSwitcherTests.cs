using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;
using LatentPlayground.State;

namespace LatentPlayground.Tests.Live;

/// <summary>
/// Models on the pedal, on the control side: a preset that names another model in the library swaps to it (loaded on
/// the worker, swapped in by the engines), one that names a missing model says so once and plays on the current one,
/// a model that fails to load is one message and the old one plays on, and the model playing is remembered in
/// settings.json.
/// </summary>
public sealed class ModelSwitcherTests : IDisposable
{
    private SwapRig? _rig;

    public void Dispose() => _rig?.Dispose();

    [Fact]
    public void A_preset_naming_another_model_swaps_to_it_with_its_values_and_the_choice_is_remembered()
    {
        SwapRig rig = _rig = new SwapRig();
        rig.Run(20);
        Assert.True(rig.Recall(1));
        Assert.Equal("synth-b", rig.Switcher.Target.Name);
        Assert.Equal("synth-default", rig.Switcher.Current.Name);

        rig.RunUntil(() => rig.Switcher.Current.Name == "synth-b");
        Assert.False(rig.Switcher.Busy);
        LiveEngine now = rig.Engines.Current;
        Assert.Equal(1024, now.Hop);
        Assert.Equal(1024 + SwapRig.Period + 3000 + 64, rig.Engines.LatencySamples);
        rig.Run(40);
        Assert.Equal(80, now.HopTarget(ParameterId.DryWet));
        // Remembered within a second (the writer thread writes at most once a second).
        rig.RunUntil(() => PedalSettingsFile.Load(rig.StateFolder).Settings.Model == "synth-b");
        Assert.Equal(0, rig.Engines.ReadSnapshot().LateHops);
        Assert.Contains("model synth-b: loaded (hop 1024, 48000 Hz, 8 dimensions, 3000 samples of latency;", rig.Log.ToString(), StringComparison.Ordinal);
        Assert.Contains("model synth-b: playing; wet latency 4216 samples", rig.Log.ToString(), StringComparison.Ordinal);

        // A preset that names no model plays on the current one; one that names the default goes back to it, and
        // the settings then hold no model name (the default).
        Assert.True(rig.Recall(0));
        Assert.False(rig.Switcher.Busy);
        Assert.True(rig.Recall(3));
        rig.RunUntil(() => rig.Switcher.Current.Name == "synth-default" && !rig.Switcher.Busy);
        rig.RunUntil(() => PedalSettingsFile.Load(rig.StateFolder).Settings.Model is null);
        Assert.Equal(2048, rig.Engines.Current.Hop);
    }

    [Fact]
    public void A_preset_naming_a_missing_model_says_so_once_and_plays_on_the_current_model()
    {
        SwapRig rig = _rig = new SwapRig();
        rig.Run(20);
        Assert.True(rig.Recall(2));
        rig.Run(40);
        Assert.True(rig.Recall(0));
        Assert.True(rig.Recall(2));
        rig.Run(40);

        string[] lines = rig.Log.ToString().Split('\n');
        Assert.Single(lines, l => l.Contains("not-here", StringComparison.Ordinal));
        Assert.Contains(lines, l => l == "warning: preset 03-gone.json: its model \"not-here\" is not in the model library; playing it on synth-default");
        Assert.Contains("Model missing\nnot-here", rig.Notices);
        Assert.Same(rig.First, rig.Engines.Current);
        Assert.Equal(60, rig.First.HopTarget(ParameterId.DryWet));
        Assert.Empty(rig.Loads);
    }

    [Fact]
    public void A_model_that_fails_to_load_is_one_message_and_the_old_model_plays_on()
    {
        SwapRig rig = _rig = new SwapRig(fails: e => e.Name == "synth-c");
        rig.Run(20);
        Assert.True(rig.ChooseModel(rig.Library.Find("synth-c")!));
        rig.RunUntil(() => !rig.Switcher.Busy);
        long hops = rig.Engines.ReadSnapshot().Hops;
        rig.Run(100);

        string[] warnings = [.. rig.Log.ToString().Split('\n').Where(l => l.StartsWith("warning:", StringComparison.Ordinal))];
        Assert.Equal([$"warning: model synth-c: not loaded: {rig.Library.Find("synth-c")!.Folder}/decoder.onnx: not a usable ONNX graph (truncated); still playing synth-default"], warnings);
        Assert.Contains("Model not loaded\nsynth-c", rig.Notices);
        Assert.Equal("synth-default", rig.Switcher.Current.Name);
        Assert.Same(rig.First, rig.Engines.Current);
        Assert.False(rig.Engines.Swapping);
        Assert.True(rig.Engines.ReadSnapshot().Hops > hops, "the old model stopped playing");
        Assert.Null(PedalSettingsFile.Load(rig.StateFolder).Settings.Model);

        // It can be asked for again (and still fails the same way), and another model still loads.
        Assert.True(rig.ChooseModel(rig.Library.Find("synth-b")!));
        rig.RunUntil(() => rig.Switcher.Current.Name == "synth-b");
    }

    [Fact]
    public void Only_the_latest_request_counts()
    {
        SwapRig rig = _rig = new SwapRig();
        rig.Run(20);
        Assert.True(rig.ChooseModel(rig.Library.Find("synth-b")!));
        Assert.True(rig.ChooseModel(rig.Library.Find("synth-c")!));
        rig.RunUntil(() => rig.Switcher.Current.Name == "synth-c" && !rig.Switcher.Busy);
        Assert.Equal(512, rig.Engines.Current.Hop);
        Assert.False(rig.ChooseModel(rig.Library.Find("synth-c")!));
    }
}
