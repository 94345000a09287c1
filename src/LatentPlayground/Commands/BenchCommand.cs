using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LatentPlayground.Bench;
using LatentPlayground.Core.Engine;
using LatentPlayground.Inference;
using LatentPlayground.Render;

namespace LatentPlayground.Commands;

/// <summary>
/// <c>latentplayground bench</c>: per-hop time (median, p99), real-time factor, managed bytes per hop
/// and GC count, for the model alone and for the whole engine, for each precision the package has,
/// and for torch running the same model where it is installed; and one XY prediction against an engine hop.
/// Thread: main.
/// </summary>
public static class BenchCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var model = new Option<string>("--model") { Description = "Model package folder (default: the bundled default model)", HelpName = "DIR" };
        var seconds = new Option<double>("--seconds") { Description = "Audio seconds to time per run (1..3600)", DefaultValueFactory = _ => 30, HelpName = "N" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table" };
        var noTorch = new Option<bool>("--no-torch") { Description = "Skip the torch comparison" };
        var torchScript = new Option<string>("--torchscript") { Description = "For an imported RAVE model: the .ts it came from, timed as nn~ runs it (torch.jit.load, streaming)", HelpName = "FILE.ts" };
        var bend = new Option<bool>("--bend") { Description = "Time bending instead: int8 against fp32 on live weights, a layer staged every hop by layer size, and re-deriving a layer" };
        var command = new Command("bench", "Time the model and the engine per hop, against torch when it is installed.") { model, seconds, json, noTorch, torchScript, bend };
        command.SetAction(r =>
        {
            double s = r.GetValue(seconds);
            if (s is < 1 or > 3600 || !double.IsFinite(s))
            {
                throw new UsageException($"--seconds: {s.ToString(CultureInfo.InvariantCulture)} is out of range 1..3600");
            }

            string folder = r.GetValue(model) ?? OnnxCodecSource.DefaultModelFolder;
            ModelPackage package;
            try
            {
                package = ModelPackage.Load(folder);
            }
            catch (ModelPackageException e)
            {
                throw new UsageException(e.Message, e);
            }

            if (r.GetValue(bend))
            {
                context.Out.Write(BendBenchmark.Run(package, s));
                return ExitCodes.Ok;
            }

            var codecs = new List<OnnxStreamingCodec>();
            HopTimings? engineAlone = null;
            XyTimings? xy = null;
            var runs = new List<(string Precision, HopTimings Bare, HopTimings Engine)>();
            try
            {
                foreach (ModelPrecision precision in package.Precisions)
                {
                    codecs.Add(new OnnxStreamingCodec(package, new CodecOptions { Precision = precision }));
                }

                var named = codecs.Select(c => ((IStreamingCodec)c, $"onnxruntime {c.Precision.ToString().ToLowerInvariant()}")).ToList();
                var timed = ModelBenchmark.Run(named, s);
                for (int i = 0; i < codecs.Count; i++)
                {
                    runs.Add((codecs[i].Precision.ToString().ToLowerInvariant(), timed[i].Bare, timed[i].Engine));
                }

                engineAlone = codecs.Count > 0 ? ModelBenchmark.EngineAlone(codecs[0], s) : null;

                // XY predict runs once per latent frame beside the engine the pedal plays: int8 where the package has it.
                OnnxStreamingCodec? played = codecs.Find(c => c.Precision == package.BestPrecision);
                xy = played is null ? null : XyBenchmark.Run(played, $"onnxruntime {played.Precision.ToString().ToLowerInvariant()} engine");
            }
            finally
            {
                foreach (OnnxStreamingCodec c in codecs)
                {
                    c.Dispose();
                }
            }

            string? original = r.GetValue(torchScript);
            if (original is not null && !File.Exists(original))
            {
                throw new UsageException($"--torchscript: {original}: no such file");
            }

            bool imported = package.Manifest.Provenance.Any(p => p.Key == "source_file");
            (HopTimings? torch, string torchNote) =
                r.GetValue(noTorch) ? (null, "skipped: --no-torch")
                : original is not null ? TorchBenchmark.RunTorchScript(original, s)
                : imported ? (null, "skipped: an imported model; give --torchscript FILE.ts (the file it came from) to time the original in torch")
                : TorchBenchmark.Run(folder, s);
            context.Out.Write(r.GetValue(json) ? Json(package, runs, engineAlone, xy, torch, torchNote) : Table(package, runs, engineAlone, xy, torch, torchNote));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Table(ModelPackage package, List<(string Precision, HopTimings Bare, HopTimings Engine)> runs, HopTimings? engineAlone, XyTimings? xy, HopTimings? torch, string torchNote)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"model {package.Name}: hop {package.Hop} samples ({package.Hop * 1000.0 / package.SampleRate:0.00} ms), single thread");
        sb.AppendLine(inv, $"{"run",-28} {"median us",10} {"p99 us",10} {"worst us",10} {"RTF",8} {"B/hop",7} {"GCs",4}");
        void Row(HopTimings t) => sb.AppendLine(inv, $"{t.Name,-28} {t.MedianMicroseconds,10:0.0} {t.P99Microseconds,10:0.0} {t.WorstMicroseconds,10:0.0} {t.RealtimeFactor,8:0.0000} {t.BytesPerHop,7:0.#} {t.GcCollections,4}");
        foreach (var run in runs)
        {
            Row(run.Bare);
            Row(run.Engine);
        }

        if (engineAlone is not null)
        {
            Row(engineAlone);
        }

        if (torch is not null)
        {
            Row(torch);
        }

        sb.AppendLine();
        foreach (var run in runs)
        {
            string direct = engineAlone is null ? "" : string.Create(inv, $"; measured directly {DirectOverhead(run, engineAlone):0.0}%");
            sb.AppendLine(inv, $"{run.Precision}: engine overhead over the bare model calls {Overhead(run):+0.0;-0.0}% (median; mean {MeanOverhead(run):+0.0;-0.0}%{direct})");
        }

        HopTimings? fp32 = runs.FirstOrDefault(x => x.Precision == "fp32").Bare;
        HopTimings? int8 = runs.FirstOrDefault(x => x.Precision == "int8").Bare;
        if (fp32 is not null && int8 is not null)
        {
            sb.AppendLine(inv, $"int8 is {fp32.MedianMicroseconds / int8.MedianMicroseconds:0.00}x faster than fp32 (median per hop; mean {fp32.MeanMicroseconds / int8.MeanMicroseconds:0.00}x)");
        }

        if (xy is not null)
        {
            sb.AppendLine(inv, $"xy predict ({xy.Outputs} outputs, {xy.Hidden} hidden units, trained): {xy.PredictMedianMicroseconds:0.00} us per call (median), {xy.BytesPerPredict:0.#} B; {100 * xy.ShareOfHop:0.00}% of one {xy.EngineName} hop ({xy.EngineHopMedianMicroseconds:0.0} us median, timed in turn)");
        }

        sb.AppendLine(torch is not null && fp32 is not null
            ? string.Create(inv, $"onnxruntime fp32 is {torch.MedianMicroseconds / fp32.MedianMicroseconds:0.00}x faster than torch (median per hop; mean {torch.MeanMicroseconds / fp32.MeanMicroseconds:0.00}x; {torchNote})")
            : $"torch: {torchNote}");
        return sb.ToString();
    }

    // Ratios use medians: a neighbour process preempting a few hops moves the mean, not the code's cost.
    private static double Overhead((string Precision, HopTimings Bare, HopTimings Engine) run) =>
        100 * ((run.Engine.MedianMicroseconds / run.Bare.MedianMicroseconds) - 1);

    // The engine's own median cost per hop, timed around a zero-cost codec, over this run's model median.
    private static double DirectOverhead((string Precision, HopTimings Bare, HopTimings Engine) run, HopTimings engineAlone) =>
        100 * engineAlone.MedianMicroseconds / run.Bare.MedianMicroseconds;

    private static double MeanOverhead((string Precision, HopTimings Bare, HopTimings Engine) run) =>
        100 * ((run.Engine.MeanMicroseconds / run.Bare.MeanMicroseconds) - 1);

    private static string Json(ModelPackage package, List<(string Precision, HopTimings Bare, HopTimings Engine)> runs, HopTimings? engineAlone, XyTimings? xy, HopTimings? torch, string torchNote)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("model", package.Name);
            w.WriteNumber("hop", package.Hop);
            w.WriteNumber("sample_rate", package.SampleRate);
            w.WriteStartObject("runs");
            foreach (var run in runs)
            {
                w.WriteStartObject(run.Precision);
                Write(w, "model_only", run.Bare);
                Write(w, "engine", run.Engine);
                w.WriteNumber("engine_overhead_percent", Math.Round(Overhead(run), 2));
                w.WriteNumber("engine_overhead_percent_mean", Math.Round(MeanOverhead(run), 2));
                if (engineAlone is not null)
                {
                    w.WriteNumber("engine_overhead_percent_direct", Math.Round(DirectOverhead(run, engineAlone), 2));
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
            if (engineAlone is not null)
            {
                Write(w, "engine_alone", engineAlone);
            }

            if (torch is not null)
            {
                Write(w, "torch", torch);
            }

            if (xy is not null)
            {
                w.WriteStartObject("xy_predict");
                w.WriteNumber("outputs", xy.Outputs);
                w.WriteNumber("hidden", xy.Hidden);
                w.WriteNumber("median_us", Math.Round(xy.PredictMedianMicroseconds, 3));
                w.WriteNumber("bytes_per_call", Math.Round(xy.BytesPerPredict, 2));
                w.WriteString("engine", xy.EngineName);
                w.WriteNumber("engine_hop_median_us", Math.Round(xy.EngineHopMedianMicroseconds, 2));
                w.WriteNumber("share_of_hop", Math.Round(xy.ShareOfHop, 6));
                w.WriteEndObject();
            }

            w.WriteString("torch_note", torchNote);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Write(Utf8JsonWriter w, string name, HopTimings t)
    {
        w.WriteStartObject(name);
        w.WriteNumber("median_us", Math.Round(t.MedianMicroseconds, 2));
        w.WriteNumber("p99_us", Math.Round(t.P99Microseconds, 2));
        w.WriteNumber("worst_us", Math.Round(t.WorstMicroseconds, 2));
        w.WriteNumber("mean_us", Math.Round(t.MeanMicroseconds, 2));
        w.WriteNumber("real_time_factor", Math.Round(t.RealtimeFactor, 5));
        w.WriteNumber("bytes_per_hop", Math.Round(t.BytesPerHop, 2));
        w.WriteNumber("gc_collections", t.GcCollections);
        w.WriteNumber("hops", t.Hops);
        w.WriteEndObject();
    }
}
