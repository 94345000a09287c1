using System.CommandLine;
using System.Globalization;
using LatentPlayground.Audio.Wav;
using LatentPlayground.Core.Latents;
using LatentPlayground.Files;
using LatentPlayground.Inference;
using LatentPlayground.Latents;
using LatentPlayground.Render;

namespace LatentPlayground.Commands;

/// <summary>
/// <c>latentplayground latents</c>: composition in the model's latent space, after the reference's UnRAVEl.
/// <c>encode</c> turns audio into a latent file, <c>stats</c> measures latent files, <c>generate</c> draws and
/// arranges latents into a pattern, <c>decode</c> turns a latent file back into audio. Latent files are numpy
/// .npy or latent WAVs (one float64 channel per dimension at the latent rate). Bad input is one line and exit
/// code 2, with nothing written. Thread: main.
/// </summary>
public static class LatentsCommand
{

    public static Command Create(CommandContext context, ICodecSource codecs)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(codecs);
        return new Command("latents", "Compose in the model's latent space: encode audio to latents, measure them, generate patterns, decode them.")
        {
            EncodeCommand(context, codecs), StatsCommand(context), GenerateCommand(context), DecodeCommand(context, codecs), TempiCommand(context),
        };
    }

    private static Option<string> Model() => new("--model") { Description = "Model package folder (default: the bundled model)", HelpName = "DIR" };

    private static Option<string> Precision()
    {
        var precision = new Option<string>("--precision") { Description = "int8 (the default when the package has it) or fp32", HelpName = "int8|fp32" };
        precision.AcceptOnlyFromAmong("int8", "fp32");
        return precision;
    }

    private static Command EncodeCommand(CommandContext context, ICodecSource codecs)
    {
        var input = new Argument<string>("IN.wav") { Description = "Audio: 16/24/32-bit PCM or 32-bit float, mono or stereo (mixed to mono), any rate" };
        var output = new Argument<string>("OUT") { Description = "The latent file: OUT.npy (float32, the encoder's own precision) or OUT.wav (a latent WAV)" };
        var model = Model();
        var precision = Precision();
        var command = new Command("encode", "Encode audio into a latent file, one frame per hop of the model.") { input, output, model, precision };
        command.SetAction(r =>
        {
            string inPath = r.GetValue(input)!, outPath = r.GetValue(output)!;
            _ = LatentFiles.IsNpy(outPath);
            string target = OutputFile.Check(new NamedPath(outPath, "latent file"), new NamedPath(inPath, "input WAV"));
            WavAudio audio = ReadAudio(inPath);
            using OpenedCodec opened = codecs.Open(r.GetValue(model), r.GetValue(precision));
            float[] mono = LatentCodecRun.Downmix(RenderCommand.Resample(audio.Samples, audio.SampleRate, opened.Codec.SampleRate));
            LatentArray latents = LatentCodecRun.Encode(opened.Codec, mono);
            double rate = LatentRate(opened.Codec.SampleRate, opened.Codec.Hop);
            LatentFiles.Write(target, outPath, latents, rate, LatentPrecision.Bits32);
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{outPath}: {latents.Frames} frames × {latents.Dimensions} dimensions at {rate:0.###} Hz from {inPath} ({audio.Duration.TotalSeconds:0.00} s) through {opened.Description}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command StatsCommand(CommandContext context)
    {
        var files = new Argument<string[]>("FILE") { Description = "Latent files (.npy or .wav), measured together", Arity = ArgumentArity.OneOrMore };
        var command = new Command("stats", "Per-dimension mean, standard deviation, minimum and maximum of latent files, pooled.") { files };
        command.SetAction(r =>
        {
            string[] paths = r.GetValue(files)!;
            var arrays = new List<LatentArray>();
            foreach (string path in paths)
            {
                LatentArray a = LatentFiles.Read(path);
                if (arrays.Count > 0 && a.Dimensions != arrays[0].Dimensions)
                {
                    throw new UsageException($"{path}: {a.Dimensions} latent dimensions, but {paths[0]} has {arrays[0].Dimensions}; only latents of one model are measured together");
                }

                arrays.Add(a);
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {a.Frames} frames × {a.Dimensions} dimensions"));
            }

            LatentStatistics s = LatentStatistics.Of(arrays);
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# {arrays.Count} file(s), {s.Frames} frames, {s.Dimensions} dimensions"));
            context.Out.WriteLine($"{"dim",4} {"mean",11} {"std",11} {"min",11} {"max",11}");
            for (int d = 0; d < s.Dimensions; d++)
            {
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{d + 1,4} {s.Mean[d],11:0.00000} {s.StandardDeviation[d],11:0.00000} {s.Min[d],11:0.00000} {s.Max[d],11:0.00000}"));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command GenerateCommand(CommandContext context)
    {
        var from = new Option<string>("--from") { Description = "The latent file the pattern is made from (or whose statistics it draws from)", HelpName = "A", Required = true };
        var with = new Option<string>("--with") { Description = "A second latent file: blender's and swapper's B; with --dist, fibo and orale measure A and B together", HelpName = "B" };
        var pattern = new Option<string>("--pattern") { Description = "fibo, orale, blender or swapper", HelpName = "PATTERN", Required = true };
        pattern.AcceptOnlyFromAmong("fibo", "orale", "blender", "swapper");
        var dist = new Option<string>("--dist") { Description = "Draw synthetic arrays from a distribution fitted to the files instead of using them as they are: normal, uniform or correlated", HelpName = "LAW" };
        dist.AcceptOnlyFromAmong("normal", "uniform", "correlated");
        var seed = new Option<uint>("--seed") { Description = "Seed of the draws, orale's alterations and swapper's points (default 0)", HelpName = "N" };
        var frames = new Option<int?>("--frames") { Description = "Frames of the array(s) the pattern is made from: drawn, or the files' first N (read cyclically past their end). Default: A's length", HelpName = "N" };
        var repeats = new Option<int?>("--repeats") { Description = "blender: plays of each state (default 1); swapper: plays of the altered array (default 4)", HelpName = "N" };
        var terms = new Option<int?>("--terms") { Description = "fibo: how many prefixes 1, 2, 3, 5, 8 … (default: those that fit in the array)", HelpName = "N" };
        var levels = new Option<int>("--levels") { Description = "orale: times the 3:1 scheme is applied, 1..8", DefaultValueFactory = _ => OralePattern.DefaultLevels, HelpName = "N" };
        var variation = new Option<double>("--variation") { Description = "orale: the fourth time's alteration, in standard deviations of each dimension, 0..10", DefaultValueFactory = _ => OralePattern.DefaultVariation, HelpName = "X" };
        var step = new Option<int>("--step") { Description = "blender: data points replaced between states", DefaultValueFactory = _ => 1, HelpName = "N" };
        var share = new Option<double>("--share") { Description = "swapper: share of the data points swapped, 0..100 %", DefaultValueFactory = _ => SwapperPattern.DefaultShare * 100, HelpName = "PERCENT" };
        var model = Model();
        var output = new Option<string>("--out") { Description = "The pattern: .npy (float64) or .wav (a latent WAV at the model's latent rate)", HelpName = "FILE", Required = true };
        var command = new Command("generate", "Make a latent pattern (fibo, orale, blender, swapper) from latent files or from synthetic arrays drawn from their statistics.")
        {
            from, with, pattern, dist, seed, frames, repeats, terms, levels, variation, step, share, model, output,
        };
        command.SetAction(r =>
        {
            var request = new GenerateRequest(
                r.GetValue(from)!, r.GetValue(with), Enum.Parse<LatentPattern>(r.GetValue(pattern)!, ignoreCase: true),
                r.GetValue(dist) is string d ? Enum.Parse<LatentDistribution>(d, ignoreCase: true) : null,
                r.GetValue(seed), r.GetValue(frames), r.GetValue(repeats), r.GetValue(terms), r.GetValue(levels), r.GetValue(variation), r.GetValue(step), r.GetValue(share));
            string outPath = r.GetValue(output)!;
            bool npy = LatentFiles.IsNpy(outPath);
            string target = OutputFile.Check(new NamedPath(outPath, "--out"), new NamedPath(request.From, "--from"), new NamedPath(request.With, "--with"));
            LatentArray result = LatentGeneration.Run(request);
            double rate = npy ? 0 : ModelLatentRate(r.GetValue(model));
            LatentFiles.Write(target, outPath, result, rate, LatentPrecision.Bits64);
            string source = request.Distribution is { } law
                ? string.Create(CultureInfo.InvariantCulture, $"drawn from {law.ToString().ToLowerInvariant()} fits of {request.From}{(request.With is null ? "" : $" and {request.With}")} (seed {request.Seed})")
                : $"from {request.From}{(request.With is null ? "" : $" and {request.With}")}";
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{outPath}: {request.Pattern.ToString().ToLowerInvariant()}, {result.Frames} frames × {result.Dimensions} dimensions, {source}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command DecodeCommand(CommandContext context, ICodecSource codecs)
    {
        var input = new Argument<string>("IN") { Description = "A latent file: .npy or a latent WAV, with the model's number of dimensions" };
        var output = new Argument<string>("OUT.wav") { Description = "Mono 32-bit float audio at the model's sample rate" };
        var model = Model();
        var precision = Precision();
        var command = new Command("decode", "Decode a latent file into audio, one hop of the model per frame.") { input, output, model, precision };
        command.SetAction(r =>
        {
            string inPath = r.GetValue(input)!, outPath = r.GetValue(output)!;
            _ = LatentFiles.IsNpy(inPath);
            string target = OutputFile.Check(new NamedPath(outPath, "output WAV"), new NamedPath(inPath, "latent file"));
            using OpenedCodec opened = codecs.Open(r.GetValue(model), r.GetValue(precision));
            LatentArray latents = LatentFiles.ReadFor(inPath, opened.Codec.LatentSize, opened.Description);
            float[] audio = LatentCodecRun.Decode(opened.Codec, latents);
            WavWriter.Write(target, outPath, new WavAudio(opened.Codec.SampleRate, [audio]), WavSampleFormat.Float32);
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{outPath}: {audio.Length / (double)opened.Codec.SampleRate:0.00} s, 1 ch, {opened.Codec.SampleRate} Hz from {latents.Frames} frames through {opened.Description}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command TempiCommand(CommandContext context)
    {
        var model = Model();
        var command = new Command("tempi", "The quantised tempi at which k latent frames make one beat (60 × rate / k), from 60 to 200 BPM, as the reference's table.") { model };
        command.SetAction(r =>
        {
            double rate = ModelLatentRate(r.GetValue(model));
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# latent rate {rate:0.####} Hz; k frames a beat give 60 × rate / k BPM (render --latent-tempo quantised plays at the nearest)"));
            context.Out.WriteLine($"{"k",4} {"BPM",8} {"double",8}");
            for (int k = 1; k <= 4096; k++)
            {
                double bpm = QuantisedTempo.Bpm(rate, k);
                if (bpm < 60)
                {
                    break;
                }

                if (bpm <= 200)
                {
                    context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{k,4} {bpm,8:0.00} {2 * bpm,8:0.00}"));
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Latent frames a second: sample rate / hop.</summary>
    public static double LatentRate(int sampleRate, int hop) => sampleRate / (double)hop;

    // Only the manifest is read: a latent WAV's header needs the rate, not the graphs.
    private static double ModelLatentRate(string? folder)
    {
        try
        {
            ModelPackage package = ModelPackage.Load(folder ?? OnnxCodecSource.DefaultModelFolder);
            return LatentRate(package.SampleRate, package.Hop);
        }
        catch (ModelPackageException e)
        {
            throw new UsageException(e.Message, e);
        }
    }

    // Read as render reads it; a NaN is refused rather than silenced, so no latent file is encoded from a broken one.
    private static WavAudio ReadAudio(string path)
    {
        WavAudio audio = RenderCommand.ReadInput(path);
        foreach (float[] channel in audio.Samples)
        {
            if (Array.FindIndex(channel, v => !float.IsFinite(v)) is int at and >= 0)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{path}: sample {at} is NaN or infinite"));
            }
        }

        return audio;
    }
}
