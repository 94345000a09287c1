using System.CommandLine;
using System.Globalization;
using LatentPlayground.Core.Modulation;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Tempo;
using LatentPlayground.Files;
using LatentPlayground.Output;

namespace LatentPlayground.Commands;

/// <summary>
/// <c>latentplayground modulate</c>: prints or draws the eight latent trajectories a setting gives,
/// so a player can look at a basis before choosing it. Frames are latent frames of the default
/// model (48 kHz, hop 2048: 23.4375 per second); encode is taken as silent (z = 0).
/// </summary>
public static class ModulateCommand
{
    public const double SampleRate = 48000;
    public const int Hop = 2048;

    public static Command Create(CommandContext context)
    {
        var basis = new Option<string>("--basis") { Description = "Noise basis: " + string.Join(", ", ParameterTable.BasisNames), HelpName = "NAME" };
        var seed = new Option<string>("--seed") { Description = "Global seed (0..9999)", HelpName = "N" };
        var frames = new Option<int>("--frames") { Description = "Number of latent frames (1..1000000)", DefaultValueFactory = _ => 256, HelpName = "N" };
        var speed = new Option<string>("--speed") { Description = "Speed (0..1000)", HelpName = "X" };
        var scale = new Option<string>("--scale") { Description = "Scale (0..3)", HelpName = "X" };
        var rate = new Option<string>("--rate") { Description = "Rate in Hz (0.05..24)", HelpName = "X" };
        var mode = new Option<string>("--mode") { Description = "Range mode: none, clip, warp, fold", HelpName = "MODE" };
        var bpm = new Option<double?>("--bpm") { Description = "Run the transport at this tempo (20..400 BPM)", HelpName = "X" };
        var time = new Option<string>("--time") { Description = "Time of all eight dimensions: off, free, or a note value 1/1..1/32 (1/4. dotted, 1/4t triplet)", HelpName = "VALUE" };
        var link = new Option<bool>("--link") { Description = "Seed link: all eight share one sequence" };
        var format = new Option<string>("--format") { Description = "csv or svg", DefaultValueFactory = _ => "csv", HelpName = "csv|svg" };
        format.AcceptOnlyFromAmong("csv", "svg");
        var output = new Option<string>("--out") { Description = "Write to this file instead of standard output", HelpName = "FILE" };
        var set = new Option<string[]>("--set") { Description = "Set any parameter of the table, e.g. --set offset.3=1.5 (repeatable)", HelpName = "NAME=VALUE", AllowMultipleArgumentsPerToken = false };

        var command = new Command("modulate", "Print (csv) or draw (svg) the eight latent modulator trajectories.")
        {
            basis, seed, frames, speed, scale, rate, mode, bpm, time, link, format, output, set,
        };

        command.SetAction(r =>
        {
            var parameters = new ParameterSet();
            Assign(parameters, "basis", r.GetValue(basis));
            Assign(parameters, "seed", r.GetValue(seed));
            Assign(parameters, "speed", r.GetValue(speed));
            Assign(parameters, "scale", r.GetValue(scale));
            Assign(parameters, "rate", r.GetValue(rate));
            Assign(parameters, "mode", r.GetValue(mode));
            if (r.GetValue(link))
            {
                parameters.Set(ParameterId.SeedLink, 1);
            }

            string? timeText = r.GetValue(time);
            if (timeText is not null)
            {
                for (int d = 0; d < DimensionParameters.Count; d++)
                {
                    Assign(parameters, $"time.{d + 1}", timeText);
                }
            }

            foreach (string assignment in r.GetValue(set) ?? [])
            {
                string? error = parameters.TrySetFromText(assignment);
                if (error is not null)
                {
                    throw new UsageException(error);
                }
            }

            int frameCount = r.GetValue(frames);
            if (frameCount is < 1 or > 1_000_000)
            {
                throw new UsageException($"--frames: {frameCount} is out of range 1..1000000");
            }

            double? tempo = r.GetValue(bpm);
            if (tempo is { } b && (!double.IsFinite(b) || b < TempoClock.MinBpm || b > TempoClock.MaxBpm))
            {
                throw new UsageException($"--bpm: {b.ToString(CultureInfo.InvariantCulture)} is out of range {TempoClock.MinBpm}..{TempoClock.MaxBpm}");
            }

            if (tempo is null && UsesNoteValues(parameters))
            {
                throw new UsageException("a note-value Time needs a tempo: add --bpm");
            }

            float[,] trajectory = Compute(parameters, tempo, frameCount);
            string text = r.GetValue(format) == "svg"
                ? TrajectorySvg.Render(trajectory, Describe(parameters, tempo), SampleRate / Hop)
                : TrajectoryCsv.Render(trajectory);

            string? path = r.GetValue(output);
            if (path is null)
            {
                context.Out.Write(text);
            }
            else
            {
                AtomicFile.WriteText(OutputFile.Check(new NamedPath(path, "--out file")), text, displayPath: path);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Runs the modulator bank exactly as the engine does, one frame per hop, with z = 0.</summary>
    public static float[,] Compute(ParameterSet parameters, double? bpm, int frameCount)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var values = new double[ParameterTable.Count];
        parameters.CopyTo(values);
        var bank = new ModulatorBank(SampleRate / Hop);
        var clock = new TempoClock(SampleRate, bpm ?? 120);
        if (bpm is not null)
        {
            clock.Start();
        }

        var result = new float[frameCount, ModulatorBank.Dimensions];
        Span<float> zero = stackalloc float[ModulatorBank.Dimensions];
        Span<float> latent = stackalloc float[ModulatorBank.Dimensions];
        for (int f = 0; f < frameCount; f++)
        {
            bank.Advance(values, clock.State, zero, latent);
            for (int d = 0; d < ModulatorBank.Dimensions; d++)
            {
                result[f, d] = latent[d];
            }

            clock.Advance(Hop);
        }

        return result;
    }

    private static bool UsesNoteValues(ParameterSet parameters)
    {
        for (int d = 0; d < DimensionParameters.Count; d++)
        {
            if (TimeDivision.IsNote(parameters.IndexOf(DimensionParameters.Time(d))))
            {
                return true;
            }
        }

        return false;
    }

    private static void Assign(ParameterSet parameters, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        string? error = parameters.TrySetFromText($"{name}={value}");
        if (error is not null)
        {
            throw new UsageException(error);
        }
    }

    private static string Describe(ParameterSet p, double? bpm)
    {
        string Show(ParameterId id) => ParameterTable.Get(id).Format(p[id]);
        string tempo = bpm is null ? "no tempo" : $"{bpm.Value.ToString("0.##", CultureInfo.InvariantCulture)} BPM";
        return $"basis {Show(ParameterId.Basis)}, seed {Show(ParameterId.GlobalSeed)}{(p.IsOn(ParameterId.SeedLink) ? " (linked)" : "")}, "
            + $"speed {Show(ParameterId.Speed)}, scale {Show(ParameterId.Scale)}, rate {Show(ParameterId.Rate)}, "
            + $"mode {Show(ParameterId.Mode)}, time {Show(ParameterId.Time1)}, {tempo}";
    }
}
