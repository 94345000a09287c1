using System.CommandLine;
using System.Globalization;
using LatentPlayground.Files;
using LatentPlayground.Audio.Wav;
using LatentPlayground.Core.Dsp;
using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Presets;
using LatentPlayground.Core.Tempo;
using LatentPlayground.Presets;
using LatentPlayground.Render;

namespace LatentPlayground.Commands;

/// <summary>
/// <c>latentplayground render IN.wav OUT.wav</c>: runs a file through the effect exactly as the pedal
/// would, block by block with the live engine's per-hop code, deterministically for a given seed.
/// Thread: main.
/// </summary>
public static class RenderCommand
{
    public static Command Create(CommandContext context, ICodecSource codecs)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(codecs);
        var input = new Argument<string>("IN.wav") { Description = "Input WAV: 16/24/32-bit PCM or 32-bit float, mono or stereo, any rate" };
        var output = new Argument<string>("OUT.wav") { Description = "Output WAV, same rate, channels and length as the input" };
        var model = new Option<string>("--model") { Description = "Model package folder (default: the bundled default model)", HelpName = "DIR" };
        var precision = new Option<string>("--precision") { Description = "int8 (the pedal's default when the package has it) or fp32", HelpName = "int8|fp32" };
        precision.AcceptOnlyFromAmong("int8", "fp32");
        var preset = new Option<string>("--preset") { Description = "Start from this preset: a JSON file, or a preset's name in the bank (--bank) or the factory presets", HelpName = "NAME-OR-FILE" };
        var switches = new Option<string[]>("--switch") { Description = "Recall a preset at a time into the input, glitch-free as on the pedal, e.g. --switch 4.5=\"Fractal storm\" (repeatable)", HelpName = "SECONDS=PRESET" };
        var bank = new Option<string>("--bank") { Description = "Preset bank folder for preset names (default: $LATENTPLAYGROUND_BANK or ~/.local/share/latentplayground/presets)", HelpName = "DIR" };
        var set = new Option<string[]>("--set") { Description = "Set any parameter of the table, e.g. --set basis=fractal (repeatable, after the preset)", HelpName = "NAME=VALUE" };
        var bpm = new Option<double?>("--bpm") { Description = "Run the transport at this tempo from the first sample (20..400)", HelpName = "X" };
        var seed = new Option<string>("--seed") { Description = "Global seed of the modulators (0..9999)", HelpName = "N" };
        var latents = new Option<string>("--latents") { Description = "Also write z' per latent frame to this CSV", HelpName = "CSV" };
        var bits = new Option<int>("--bits") { Description = "Output sample format: 32 (float) or 24 (integer)", DefaultValueFactory = _ => 32, HelpName = "32|24" };
        bits.AcceptOnlyFromAmong("32", "24");
        var noise = new Option<string>("--noise") { Description = "An imported RAVE model's own noise (latent padding, noise generator): on (seeded by --seed) or off (RAVE's noise-free path)", DefaultValueFactory = _ => "on", HelpName = "on|off" };
        noise.AcceptOnlyFromAmong("on", "off");
        var bend = new Option<string>("--bend")
        {
            Description = "Audition a bend configuration (bend apply writes one); the model then plays its fp32 graphs. A preset's own bend is used when this is left out",
            HelpName = "BEND.json",
        };
        var latentSource = new Latents.LatentSourceOptions();

        var xy = new Option<string>("--xy")
        {
            Description = "Audition an XY mapping (xy train makes one): turns xy.predict on, and --set xy.x=X --set xy.y=Y places the point. A preset's own mapping plays when this is left out and its xy.predict is on",
            HelpName = "MAPPING.json",
        };
        var xyPath = new Option<string>("--xy-path") { Description = "Move the XY point over the render: CSV rows seconds,x[,y], linear between rows, held before the first and after the last", HelpName = "PATH.csv" };

        var command = new Command("render", "Run a WAV file through the pedal's engine and write the result.")
        {
            input, output, model, precision, preset, set, bpm, seed, latents, bits, switches, bank, noise, bend, xy, xyPath,
        };
        foreach (Option option in latentSource.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(r =>
        {
            string inPath = r.GetValue(input)!;
            string outPath = r.GetValue(output)!;
            string? latentPath = r.GetValue(latents);
            string? presetPath = r.GetValue(preset);
            NamedPath inputWav = new(inPath, "input WAV");
            NamedPath presetFile = new(presetPath is not null && File.Exists(presetPath) ? presetPath : null, "preset file");
            string bankFolder = r.GetValue(bank) ?? PresetLocations.DefaultBankFolder;
            Preset? startPreset = StartingParameters.Resolve(presetPath, bankFolder);

            // A bend's two files are inputs too: read first, so no output can land on its configuration or weights.
            string? bendOption = r.GetValue(bend);
            string? bendPath = bendOption ?? (startPreset?.Bending is string bending ? StartingParameters.Beside(presetPath!, bankFolder, bending) : null);
            string bendWhat = bendOption is null ? "--preset's bending" : "--bend";
            if (bendPath is not null && r.GetValue(precision) == "int8")
            {
                throw new UsageException("--precision: a bent model plays its fp32 graphs (the int8 kernels pack their weights when the model loads); leave out --precision or give fp32");
            }

            BendCommand.ReadBend? bendFiles = bendPath is null ? null : BendCommand.Read(bendPath, bendWhat);
            NamedPath bendJson = new(bendPath, "bend configuration"), bendWav = new(bendFiles?.WeightsPath, "bend weights");

            // The settings come before the outputs' checks: whether a preset's XY mapping plays (an input) depends on them.
            string? xyOption = r.GetValue(xy);
            string[] sets = r.GetValue(set) ?? [];
            RenderSettings settings = BuildSettings(startPreset, r.GetValue(seed), xyOption is null ? sets : ["xy.predict=on", .. sets], r.GetValue(bpm));
            IReadOnlyList<PresetSwitch> switchList = ParseSwitches(r.GetValue(switches) ?? [], bankFolder);
            RenderXyInputs xyInputs = RenderXyInputs.Read(xyOption, presetPath, startPreset, bankFolder, settings.Parameters, r.GetValue(xyPath), switchList.Count > 0);
            NamedPath xyJson = new(xyInputs.MappingPath, "XY mapping"), xyCsv = new(xyInputs.PathFile, "--xy-path CSV");
            NamedPath latentFile = latentSource.Input(r);
            string outTarget = OutputFile.Check(new NamedPath(outPath, "output WAV"), inputWav, presetFile, new NamedPath(latentPath, "--latents CSV"), bendJson, bendWav, xyJson, xyCsv, latentFile);
            string? latentTarget = latentPath is null ? null : OutputFile.Check(new NamedPath(latentPath, "--latents CSV"), inputWav, presetFile, new NamedPath(outPath, "output WAV"), bendJson, bendWav, xyJson, xyCsv, latentFile);

            var notes = new List<string>();
            RenderXy? renderXy = xyInputs.Prepare(notes);
            settings = new RenderSettings
            {
                Parameters = settings.Parameters, Bpm = settings.Bpm, Switches = switchList, Xy = renderXy,
                LatentSource = latentSource.Read(r, settings.Bpm),
            };
            WavAudio audio = ReadInput(inPath);
            long nonFinite = audio.Samples.Sum(channel => (long)NonFiniteSamples.Clean(channel));
            if (nonFinite > 0)
            {
                context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warning: {inPath}: {nonFinite} samples are NaN or infinite; they are rendered as silence"));
            }

            // The model's noise follows the global seed, so one --seed fixes the whole render.
            ulong noiseSeed = Inference.CodecOptions.DefaultNoiseSeed + (ulong)settings.Parameters.IndexOf(ParameterId.GlobalSeed);
            var modelNoise = new ModelNoise(r.GetValue(noise) != "off", noiseSeed);
            using OpenedCodec opened = bendFiles is null ? codecs.Open(r.GetValue(model), r.GetValue(precision), modelNoise) : codecs.OpenBendable(r.GetValue(model), modelNoise);
            IStreamingCodec codec = opened.Codec;
            if (bendFiles is not null && codec is Inference.OnnxStreamingCodec bendable)
            {
                // The whole configuration is checked against the model before any weight is written.
                var modelBend = new Bending.ModelBend(bendable);
                BendCommand.Apply(modelBend, bendFiles, bendPath!, bendWhat);
                modelBend.WriteThrough();
            }

            float[][] atModelRate = Resample(audio.Samples, audio.SampleRate, codec.SampleRate);
            ProgressBar? bar = ProgressBar.ForTerminal(context.Error, "rendering");
            RenderResult result = RenderJob.Run(codec, atModelRate, settings, bar is null ? null : bar.Report);
            float[][] atInputRate = Resample(result.Channels, codec.SampleRate, audio.SampleRate);
            for (int c = 0; c < atInputRate.Length; c++)
            {
                // Rounding in the two conversions can leave the length a sample off; the output keeps the input's.
                Array.Resize(ref atInputRate[c], audio.Frames);
            }

            // The WAV first: should it fail (a full disk), no CSV is left describing audio that was never written.
            WavWriter.Write(outTarget, outPath, new WavAudio(audio.SampleRate, atInputRate), r.GetValue(bits) == 24 ? WavSampleFormat.Pcm24 : WavSampleFormat.Float32);
            if (latentTarget is not null)
            {
                AtomicFile.WriteText(latentTarget, LatentCsv.Render(result.Latents, codec.LatentSize, codec.Hop, codec.SampleRate), displayPath: latentPath);
            }

            foreach (string note in notes)
            {
                context.Out.WriteLine(note);
            }

            if (latentSource.Description is string loop)
            {
                context.Out.WriteLine(loop);
            }

            string rate = audio.SampleRate == codec.SampleRate ? "" : $", resampled {audio.SampleRate} -> {codec.SampleRate} Hz and back";
            string alignment = settings.Parameters.IsOn(ParameterId.Align) ? "compensated (align on)" : "left in (align off)";
            double latencyMs = result.LatencySamples * 1000.0 / codec.SampleRate;
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{outPath}: {audio.Duration.TotalSeconds:0.00} s, {audio.Channels} ch, {audio.SampleRate} Hz through {opened.Description}{rate}; wet latency {result.LatencySamples} samples ({latencyMs:0.0} ms), {alignment}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The starting parameters: defaults, then the preset, then --seed, then each --set in order.</summary>
    public static RenderSettings BuildSettings(string? presetPath, string? seed, IEnumerable<string> sets, double? bpm, string? bankFolder = null) =>
        BuildSettings(StartingParameters.Resolve(presetPath, bankFolder ?? PresetLocations.DefaultBankFolder), seed, sets, bpm);

    /// <summary>The starting parameters: defaults, then <paramref name="preset"/>, then --seed, then each --set in order.</summary>
    public static RenderSettings BuildSettings(Preset? preset, string? seed, IEnumerable<string> sets, double? bpm)
    {
        ArgumentNullException.ThrowIfNull(sets);
        ParameterSet parameters = StartingParameters.From(preset);
        if (seed is not null)
        {
            StartingParameters.Apply(parameters, [$"seed={seed}"], "--seed");
        }

        StartingParameters.Apply(parameters, sets, "--set");
        if (bpm is { } b && (!double.IsFinite(b) || b < TempoClock.MinBpm || b > TempoClock.MaxBpm))
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--bpm: {b} is out of range {TempoClock.MinBpm}..{TempoClock.MaxBpm}"));
        }

        return new RenderSettings { Parameters = parameters, Bpm = bpm };
    }

    /// <summary>Each <c>SECONDS=PRESET</c>, resolved and sorted by time.</summary>
    public static IReadOnlyList<PresetSwitch> ParseSwitches(IEnumerable<string> specs, string bankFolder)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var list = new List<PresetSwitch>();
        foreach (string spec in specs)
        {
            int eq = spec.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == spec.Length - 1
                || !double.TryParse(spec.AsSpan(0, eq), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)
                || !double.IsFinite(seconds) || seconds < 0)
            {
                throw new UsageException($"--switch: '{spec}' is not SECONDS=PRESET with SECONDS >= 0, e.g. 4.5=\"Fractal storm\"");
            }

            string name = spec[(eq + 1)..];
            Preset preset = PresetLocations.Resolve(name, bankFolder);
            if (preset.Xy is not null && preset.Parameters.IsOn(ParameterId.XyPredict))
            {
                // Its mapping would drive the sound after the switch; a render plays at most the one mapping it starts with.
                throw new UsageException($"--switch: preset {name} plays an XY mapping (xy.predict on), and render does not switch mappings; render it with --preset");
            }

            list.Add(new PresetSwitch(seconds, name, preset.Parameters));
        }

        return [.. list.OrderBy(s => s.Seconds)];
    }

    private const int MinInputRate = 8000;
    private const int MaxInputRate = 768000;

    /// <summary>An input WAV as every command that plays audio through the model takes it: not empty, a sane rate.</summary>
    /// <exception cref="UsageException">Anything wrong, in one line naming the file.</exception>
    internal static WavAudio ReadInput(string path)
    {
        try
        {
            WavAudio audio = WavReader.Read(path);
            if (audio.Frames == 0)
            {
                throw new UsageException($"{path}: no audio (0 samples)");
            }

            // Far outside these, a file's rate is a corrupt header, and resampling it to the model's would
            // need more memory than any machine has.
            if (audio.SampleRate is < MinInputRate or > MaxInputRate)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{path}: sample rate {audio.SampleRate} Hz is outside {MinInputRate}..{MaxInputRate} Hz"));
            }

            return audio;
        }
        catch (WavFileException e)
        {
            throw new UsageException(e.Message, e);
        }
    }

    internal static float[][] Resample(IReadOnlyList<float[]> channels, int from, int to)
    {
        var result = new float[channels.Count][];
        for (int c = 0; c < channels.Count; c++)
        {
            result[c] = SincResampler.Resample(channels[c], from, to);
        }

        return result;
    }
}
