using System.Text.Json.Nodes;
using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Presets;
using LatentPlayground.Inference.Tests;
using LatentPlayground.Library;
using LatentPlayground.Live;
using LatentPlayground.Pedal;
using LatentPlayground.Presets;
using LatentPlayground.Render;
using LatentPlayground.State;

namespace LatentPlayground.Tests.Live;

/// <summary>
/// The pedal's control side with a model library and its switcher, without ALSA or threads: a models folder of
/// synthetic packages (real, valid package folders), a bank whose presets name models, and a loader that builds each
/// model's engine over a silent codec of the package's hop and latency (the swap is about engines, not ONNX). The
/// test thread plays both real-time halves (<see cref="Run"/>), as <c>LiveHarness</c> does in the engine tests.
/// </summary>
internal sealed class SwapRig : IDisposable
{
    public const int Period = 128;

    public SwapRig(Func<ModelEntry, bool>? fails = null)
    {
        ModelsFolder = Path.Combine(Folder, "models");
        Directory.CreateDirectory(ModelsFolder);
        MakePackage(ModelsFolder, "b", "synth-b", hop: 1024, latency: 3000);
        MakePackage(ModelsFolder, "c", "synth-c", hop: 512, latency: 0);
        DefaultFolder = MakePackage(Folder, "default", "synth-default", hop: 2048, latency: 368);
        var warnings = new List<string>();
        Library = ModelLibrary.Scan(DefaultFolder, ModelsFolder, [], warnings);
        Assert.Empty(warnings);

        BankFolder = Path.Combine(Folder, "bank");
        Directory.CreateDirectory(BankFolder);
        WritePreset("01-any.json", "Any model", null, "drywet=100");
        WritePreset("02-on-b.json", "On B", "synth-b", "drywet=80");
        WritePreset("03-gone.json", "Gone", "not-here", "drywet=60");
        WritePreset("04-on-default.json", "On default", "synth-default", "drywet=90");
        (Bank, _) = PresetFolder.Load(BankFolder);

        First = LiveHarnessEngine(Library.Default);
        Engines = new SwappableEngine(First);
        Control = new PedalReducer(Engines, Bank, BankFolder, new PedalSettings(), new PersistenceWriter(StateFolder), new LiveLog(Log, journal: false));
        Switcher = new ModelSwitcher(Engines, Library, Library.Default, new OpenedCodec(First.Codec, "default"), entry =>
        {
            Loads.Add(entry.Name);
            if (fails?.Invoke(entry) == true)
            {
                throw new UsageException($"{entry.Folder}/decoder.onnx: not a usable ONNX graph (truncated)");
            }

            return new LoadedModel(entry, new OpenedCodec(new ShapedCodec(entry.Hop, entry.LatencySamples), entry.Name), LiveHarnessEngine(entry), new BudgetChoice(Period, 48000, 0, null, 0, 2.7, "test"));
        }, e => $"{e.LatencySamples} samples", new LiveLog(Log, journal: false));
        Control.Models = Switcher;
        Control.Start(Bank.Entries[0].Preset.Parameters);
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("lp-swap-").FullName;

    public string ModelsFolder { get; }

    public string DefaultFolder { get; }

    public string BankFolder { get; }

    public string StateFolder => Path.Combine(Folder, "state");

    public ModelLibrary Library { get; }

    public PresetBank Bank { get; }

    public LiveEngine First { get; }

    public SwappableEngine Engines { get; }

    public PedalReducer Control { get; }

    public ModelSwitcher Switcher { get; }

    public StringWriter Log { get; } = new();

    public List<string> Notices { get; } = [];

    /// <summary>Models the loader was asked for (on the worker thread; read after a <see cref="Run"/>).</summary>
    public System.Collections.Concurrent.ConcurrentBag<string> Loads { get; } = [];

    /// <summary>Plays <paramref name="periods"/> periods through both halves and polls the control side after each.</summary>
    public void Run(int periods)
    {
        var block = new float[Period];
        for (int i = 0; i < periods; i++)
        {
            Engines.ProcessPeriod(block, block, Period);
            while (Engines.TryProcessHop())
            {
            }

            Tick();
        }
    }

    /// <summary>A Program Change for <paramref name="index"/> and the control tick that sends it; true when the bank moved there.</summary>
    public bool Recall(int index)
    {
        Control.Handle(PedalEvent.Recall(index, PedalInput.Midi));
        Tick();
        return Bank.Current == index;
    }

    /// <summary>The settings page's Model row choosing <paramref name="entry"/>; true when it became the model asked for.</summary>
    public bool ChooseModel(ModelEntry entry)
    {
        ModelEntry before = Switcher.Target;
        Control.Handle(PedalEvent.ChooseModel(Library.IndexOf(entry), PedalInput.Encoder));
        Tick();
        return !ReferenceEquals(before, Switcher.Target);
    }

    // One control tick, keeping the display's notices.
    private void Tick()
    {
        long notices = Control.NoticeCount;
        Control.Tick();
        if (Control.NoticeCount != notices)
        {
            Notices.Add(Control.Notice!);
        }
    }

    /// <summary>Plays until <paramref name="done"/> holds (the worker loads meanwhile), at most 10 s of wall time.</summary>
    public void RunUntil(Func<bool> done)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"gave up waiting; log:\n{Log}");
            Run(8);
            Thread.Sleep(1);
        }
    }

    /// <summary>A synthetic package in <paramref name="parent"/>/<paramref name="folder"/>, named and with a latency.</summary>
    public static string MakePackage(string parent, string folder, string name, int hop, int latency, int rate = 48000)
    {
        string target = Path.Combine(parent, folder);
        Directory.CreateDirectory(target);
        using var package = new SyntheticPackage(hop, 8, rate, name);
        foreach (string file in Directory.EnumerateFiles(package.Folder))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        string manifest = Path.Combine(target, "model.json");
        var root = (JsonObject)JsonNode.Parse(File.ReadAllText(manifest))!;
        root["latency_samples"] = latency;
        File.WriteAllText(manifest, root.ToJsonString());
        return target;
    }

    public void Dispose()
    {
        Switcher.Dispose();
        Control.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    private static LiveEngine LiveHarnessEngine(ModelEntry entry)
    {
        var engine = new LiveEngine(new ShapedCodec(entry.Hop, entry.LatencySamples), 1, Period, Period);
        engine.ApplyPendingImmediately();
        return engine;
    }

    private void WritePreset(string file, string name, string? model, params string[] settings)
    {
        var parameters = new Core.Parameters.ParameterSet();
        foreach (string s in settings)
        {
            Assert.Null(parameters.TrySetFromText(s));
        }

        File.WriteAllText(Path.Combine(BankFolder, file), PresetJson.Serialize(new Preset { Name = name, Model = model, Parameters = parameters }));
    }

    /// <summary>Silence of a package's shape.</summary>
    private sealed class ShapedCodec(int hop, int latency) : IStreamingCodec
    {
        public int Hop => hop;

        public int LatentSize => 8;

        public int SampleRate => 48000;

        public int LatencySamples => latency;

        public void Encode(ReadOnlySpan<float> audio, Span<float> latent) => latent.Clear();

        public void Decode(ReadOnlySpan<float> latent, Span<float> audio) => audio.Clear();

        public void Reset()
        {
        }
    }
}
