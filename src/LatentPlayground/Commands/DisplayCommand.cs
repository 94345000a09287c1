using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LatentPlayground.Files;
using LatentPlayground.Audio.Wav;
using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Presets;
using LatentPlayground.Core.Tempo;
using LatentPlayground.Core.Ui;
using LatentPlayground.Core.Xy;
using LatentPlayground.Output;
using LatentPlayground.Presets;
using LatentPlayground.Render;

namespace LatentPlayground.Commands;

/// <summary>
/// <c>latentplayground display --page NAME --out FILE.png</c>: one page of the pedal's display as a PNG, drawn by
/// the same renderer as the pedal. The latent bars are real: the bundled demo riff is played through the model
/// with the preset for <c>--at</c> seconds, and the page shows the last hop's latent and the load it took. The XY page
/// shows a demo mapping (<see cref="ShowXyDemo"/>), not one a preset names.
/// </summary>
public static class DisplayCommand
{
    public static Command Create(CommandContext context, ICodecSource codecs)
    {
        ArgumentNullException.ThrowIfNull(context);
        var page = new Option<string>("--page") { Description = "Page: " + string.Join(", ", PanelPages.All), Required = true, HelpName = "NAME" };
        var output = new Option<string>("--out") { Description = "PNG file to write", Required = true, HelpName = "FILE" };
        var scale = new Option<int>("--scale") { Description = "Screen pixels per OLED pixel, 1..16 (default 4)", DefaultValueFactory = _ => 4, HelpName = "N" };
        var preset = new Option<string>("--preset") { Description = "Preset name or file (default: the first factory preset)", HelpName = "NAME" };
        var at = new Option<double>("--at") { Description = "Seconds of the demo riff played before the picture, 0.5..10 (default 3)", DefaultValueFactory = _ => 3, HelpName = "SECONDS" };
        var row = new Option<int?>("--row") { Description = "Put the cursor on this row (1-based) of a list page", HelpName = "N" };
        var edit = new Option<bool>("--edit") { Description = "Show the cursor's row being edited" };
        var model = new Option<string>("--model") { Description = "Model package folder (default: the bundled default model)", HelpName = "DIR" };
        var command = new Command("display", "Draw one page of the pedal's display to a PNG.") { page, output, scale, preset, at, row, edit, model };
        command.SetAction(r =>
        {
            string pageName = r.GetValue(page)!;
            if (!PanelPages.TryParse(pageName, out PanelPage shown))
            {
                throw new UsageException($"--page: '{pageName}' is not a page ({string.Join(", ", PanelPages.All)})");
            }

            int pixels = r.GetValue(scale);
            if (pixels is < 1 or > 16)
            {
                throw new UsageException($"--scale: {pixels} is out of range 1..16");
            }

            double seconds = r.GetValue(at);
            if (!double.IsFinite(seconds) || seconds < 0.5 || seconds > 10)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--at: {seconds} is out of range 0.5..10 seconds"));
            }

            string outPath = r.GetValue(output)!;
            if (!outPath.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            {
                throw new UsageException($"--out: {outPath} does not end in .png");
            }

            string? presetPath = r.GetValue(preset);
            string outTarget = OutputFile.Check(new NamedPath(outPath, "--out PNG"), new NamedPath(presetPath is not null && File.Exists(presetPath) ? presetPath : null, "preset file"));
            (string name, int number, Preset chosen) = ChoosePreset(presetPath);
            var view = new PanelView(chosen.Parameters.Clone()) { PresetName = name, PresetNumber = number, Bpm = 120, Clock = ClockDisplay.Internal };
            view.Engine = Play(codecs, r.GetValue(model), view, seconds);
            PanelNavigator.ShowPage(view, shown);
            IReadOnlyList<PanelRow> rows = PanelLayout.Default.Rows(shown);
            if (r.GetValue(row) is int n)
            {
                if (n < 1 || n > rows.Count)
                {
                    throw new UsageException(rows.Count == 0 ? $"--row: the {PanelPages.Name(shown)} page has no rows" : $"--row: {n} is out of range 1..{rows.Count} on the {PanelPages.Name(shown)} page");
                }

                var navigator = new PanelNavigator(PanelLayout.Default);
                navigator.Push(view);
                for (int i = 1; i < n; i++)
                {
                    navigator.Turn(view, 1, 1);
                }

                if (r.GetValue(edit))
                {
                    view.Level = PanelLevel.Edit;
                }
            }

            string shows = string.Empty;
            if (shown == PanelPage.Xy)
            {
                XyMapping demo = ShowXyDemo(view);
                shows = string.Create(CultureInfo.InvariantCulture, $", a demo mapping of {demo.Points.Count} points (point {view.Xy.Selected + 1} selected, trained to loss {demo.Loss:0.0e-0})");
            }

            var frame = new Framebuffer();
            new PanelRenderer(PanelLayout.Default).Render(view, frame);
            byte[] png = PngWriter.Encode(frame, pixels);
            AtomicFile.Write(outTarget, s => s.Write(png), displayPath: outPath);
            context.Out.WriteLine($"{outPath}: {PanelPages.Name(shown)} page, {Framebuffer.Width * pixels}x{Framebuffer.Height * pixels}, preset {name}{shows}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Fills the XY page of <paramref name="view"/> with a demo mapping, as a player might have it after collecting:
    /// six points round the pad, each the view's sound with the offsets and scale moved by where it sits, trained
    /// (for real, with seed 0), the third point selected. X, Y and the mode stay as the view's values have them.
    /// Public for the tests, which draw the same page to check the picture.
    /// </summary>
    public static XyMapping ShowXyDemo(PanelView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var mapping = new XyMapping(XyGroups.All, Math.Clamp(view.Engine.LatentSize, 1, DimensionParameters.Count));
        (double X, double Y)[] at = [(0.12, 0.82), (0.78, 0.88), (0.7, 0.3), (0.2, 0.18), (0.9, 0.55), (0.3, 0.68)];
        foreach ((double x, double y) in at)
        {
            ParameterSet sound = view.Values.Clone();
            for (int d = 0; d < DimensionParameters.Count; d++)
            {
                sound.Set(DimensionParameters.Offset(d), ((d % 2 == 0 ? x : y) - 0.5) * 4);
            }

            sound.Set(ParameterId.Scale, 0.5 + x + y);
            mapping.Add(x, y, sound);
        }

        XyTrainingResult trained = mapping.Train(seed: 0);
        mapping.Adopt(trained.Network, trained.FinalLoss);
        view.Xy.SetPoints(mapping.Points);
        view.Xy.Selected = 2;
        view.Xy.Groups = mapping.Groups;
        view.Xy.Loss = mapping.Loss;
        return mapping;
    }

    // The preset and its number in the bank as the pedal would show it (0, drawn "--", for a file outside the bank).
    private static (string Name, int Number, Preset Preset) ChoosePreset(string? nameOrFile)
    {
        if (nameOrFile is not null)
        {
            Preset p = PresetLocations.Resolve(nameOrFile, PresetLocations.DefaultBankFolder);
            (PresetBank bank, _, _) = PresetLocations.Open(PresetLocations.DefaultBankFolder);
            int index = bank.Entries.ToList().FindIndex(e => e.Preset.Name == p.Name);
            return (p.Name, index + 1, p);
        }

        (PresetBank factory, _) = PresetFolder.Load(PresetLocations.FactoryFolder);
        return factory.Count > 0
            ? (factory.Entries[0].Preset.Name, 1, factory.Entries[0].Preset)
            : ("(defaults)", 0, new Preset { Name = "(defaults)", Parameters = new ParameterSet() });
    }

    // The demo riff through the model with the view's parameters: the last hop's latent, and the load it took.
    private static EngineSnapshot Play(ICodecSource codecs, string? modelFolder, PanelView view, double seconds)
    {
        WavAudio riff = WavReader.Read(Path.Combine(AppContext.BaseDirectory, "Assets", "demo", "guitar-riff.wav"));
        using OpenedCodec opened = codecs.Open(modelFolder, null);
        IStreamingCodec codec = opened.Codec;
        view.ModelName = codec is Inference.OnnxStreamingCodec onnx ? onnx.Package.Name : opened.Description;
        int frames = Math.Min(riff.Frames, (int)(seconds * riff.SampleRate));
        float[][] input = RenderCommand.Resample([.. riff.Samples.Select(c => c[..frames])], riff.SampleRate, codec.SampleRate);
        var watch = Stopwatch.StartNew();
        RenderResult result = RenderJob.Run(codec, input, new RenderSettings { Parameters = view.Values, Bpm = view.Bpm });
        double load = watch.Elapsed.TotalSeconds / (input[0].Length / (double)codec.SampleRate);
        var latent = new LatentVector();
        float[] last = result.Latents[^1];
        for (int d = 0; d < Math.Min(8, last.Length); d++)
        {
            latent[d] = last[d];
        }

        return new EngineSnapshot { Hops = result.Latents.Count, Load = load, Latent = latent, LatentSize = codec.LatentSize, Tempo = new TempoState(view.Bpm, true, 0) };
    }
}
