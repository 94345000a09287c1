using LatentPlayground.Files;
using System.CommandLine;
using System.Globalization;
using LatentPlayground.Midi.Analysis;
using LatentPlayground.Midi.Clock;

namespace LatentPlayground.Commands;

/// <summary>
/// <c>latentplayground midi analyze FILE</c>: replays a MIDI monitor log (<c>SECONDS HEXBYTES</c> per line)
/// through the pedal's own parser and clock follower and prints, as CSV, each beat of clock with the estimated
/// tempo and the transport state, then <c>final_bpm=X</c> (two decimals; <c>none</c> when the log never held
/// enough clock to lock). Thread: main.
/// </summary>
public static class MidiCommand
{
    // A log of hours of MIDI clock is a few MB; /dev/zero or a disk image is not a log.
    private const long MaxLogBytes = 256L << 20;

    /// <summary>Builds the <c>midi</c> command and its subcommands. Thread: main.</summary>
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var file = new Argument<string>("FILE") { Description = "MIDI log: one 'SECONDS HEXBYTES' line per message, e.g. '12.000417 F8'; # comments" };
        var analyze = new Command("analyze", "Follow the MIDI clock in a log and print beat,time_s,bpm,state per beat, then final_bpm.")
        {
            file,
        };
        analyze.SetAction(r => Analyze(context, r.GetValue(file)!));

        return new Command("midi", "MIDI tools.") { analyze };
    }

    private static int Analyze(CommandContext context, string path)
    {
        if (Directory.Exists(path))
        {
            throw new UsageException($"{path}: is a folder, not a MIDI log");
        }

        // Rows are collected first so a bad line further down leaves no half analysis on standard output.
        var rows = new List<ClockAnalysisRow>();
        var analysis = new ClockAnalysis(rows.Add);
        try
        {
            using var reader = new StreamReader(InputFile.OpenRegular(path, MaxLogBytes, "MIDI log"));
            int messages = 0;
            foreach (MidiLogLine line in MidiLogReader.Read(reader, path))
            {
                analysis.Feed(line.Time, line.Bytes);
                messages++;
            }

            if (messages == 0)
            {
                throw new UsageException($"{path}: no MIDI messages in it (an empty log, or comments only)");
            }
        }
        catch (MidiLogFormatException e)
        {
            throw new UsageException(e.Message, e);
        }

        TextWriter o = context.Out;
        o.WriteLine("beat,time_s,bpm,state");
        foreach (ClockAnalysisRow row in rows)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.Beat:0.###},{row.Time:F6},{row.Bpm:F2},{StateName(row.State)}"));
        }

        o.WriteLine(analysis.FinalBpm is { } bpm ? string.Create(CultureInfo.InvariantCulture, $"final_bpm={bpm:F2}") : "final_bpm=none");
        return ExitCodes.Ok;
    }

    private static string StateName(TransportState state) => state switch
    {
        TransportState.Running => "running",
        TransportState.Lost => "lost",
        _ => "stopped",
    };
}
