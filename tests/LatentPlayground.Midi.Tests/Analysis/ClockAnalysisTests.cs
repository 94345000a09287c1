using LatentPlayground.Midi.Analysis;
using LatentPlayground.Midi.Clock;

namespace LatentPlayground.Midi.Tests.Analysis;

public sealed class ClockAnalysisTests
{
    [Fact]
    public void The_example_log_file_is_what_the_generator_writes()
    {
        string shipped = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", ClockLogWriter.FileName));
        Assert.Equal(ClockLogWriter.Generate(), shipped);
    }

    [Fact]
    public void The_example_gives_a_row_per_beat_the_transport_states_and_the_loss()
    {
        var rows = new List<ClockAnalysisRow>();
        var analysis = new ClockAnalysis(rows.Add);
        foreach (MidiLogLine line in MidiLogReader.Read(new StringReader(ClockLogWriter.Generate()), "example"))
        {
            analysis.Feed(line.Time, line.Bytes);
        }

        List<ClockAnalysisRow> beats = [.. rows.Where(r => r.State != TransportState.Lost)];
        ClockAnalysisRow lost = Assert.Single(rows, r => r.State == TransportState.Lost);
        Assert.Equal((ClockLogWriter.Ticks - 1) / 24, beats.Count);
        Assert.Equal(Enumerable.Range(1, beats.Count).Select(b => (double)b), beats.Select(r => r.Beat));

        // Beat 1 is before Start; beats 2..17 and 18..25 run (the loss in between); the last two are stopped.
        Assert.Equal(TransportState.Stopped, beats[0].State);
        Assert.All(beats[1..25], r => Assert.Equal(TransportState.Running, r.State));
        Assert.All(beats[25..], r => Assert.Equal(TransportState.Stopped, r.State));

        (double lastBefore, _) = ClockLogWriter.Gap;
        Assert.Equal(431 / 24.0, lost.Beat); // the last tick heard before the gap
        Assert.Equal(lastBefore + (2 * 60 / lost.Bpm), lost.Time, 5); // the log rounds times to microseconds
        Assert.InRange(lost.Bpm, 119.9, 120.1);

        Assert.All(beats, r => Assert.InRange(r.Bpm, 119.9, 120.1));
        Assert.NotNull(analysis.FinalBpm);
        Assert.InRange(analysis.FinalBpm!.Value, 119.95, 120.05);
    }

    [Fact]
    public void A_log_without_enough_clock_has_no_final_tempo()
    {
        var analysis = new ClockAnalysis(_ => { });
        analysis.Feed(0, [0xF8, 0xFA]);
        analysis.Feed(0.02, [0xF8]);
        analysis.Feed(0.03, [0xB0, 0x01, 0x02]);
        Assert.Null(analysis.FinalBpm);
    }
}
