using LatentPlayground.Midi.Clock;
using LatentPlayground.Midi.Messages;

namespace LatentPlayground.Midi.Analysis;

/// <summary>
/// Replays a MIDI log through the live path: the same <see cref="MidiParser"/> and <see cref="ClockFollower"/>
/// a pedal runs, with the log's times as arrival times. Reports a row every 24 ticks (each beat of clock), and a
/// row at the moment a running clock counts as lost, which the live control loop would notice at that time.
/// Thread: the caller's (offline tool).
/// </summary>
public sealed class ClockAnalysis
{
    private readonly MidiParser _parser = new();
    private readonly Action<ClockAnalysisRow> _onRow;
    private long _ticks;
    private bool _everLocked;

    /// <summary>A fresh parser and follower, as a pedal has at boot. Thread: the caller's.</summary>
    /// <param name="onRow">Receives each row as it is found.</param>
    public ClockAnalysis(Action<ClockAnalysisRow> onRow)
    {
        ArgumentNullException.ThrowIfNull(onRow);
        _onRow = onRow;
    }

    public ClockFollower Follower { get; } = new();

    /// <summary>The follower's tempo at the end, or null when the log never held enough clock to lock.</summary>
    public double? FinalBpm => _everLocked ? Follower.Bpm : null;

    /// <summary>Feeds the bytes that arrived at <paramref name="time"/> (seconds, never decreasing). Thread: the caller's.</summary>
    public void Feed(double time, ReadOnlySpan<byte> bytes)
    {
        // The live control loop polls the follower continually; here the only instants between lines where
        // something can change is the loss deadline, so it is checked there.
        double deadline = Follower.LostDeadline;
        if (time > deadline && Follower.Update(time) && Follower.State == TransportState.Lost)
        {
            // Placed at the last tick heard, so it sorts before the next beat row, which may carry the same number.
            _onRow(new ClockAnalysisRow((_ticks - 1) / (double)ClockFollower.TicksPerBeat, deadline, Follower.Bpm, TransportState.Lost));
        }

        foreach (byte b in bytes)
        {
            if (!_parser.TryFeed(b, out MidiMessage message))
            {
                continue;
            }

            Follower.Receive(message, time);
            if (message.Kind != MidiMessageKind.Clock)
            {
                continue;
            }

            _ticks++;
            _everLocked |= Follower.Locked;
            if (_ticks > 1 && (_ticks - 1) % ClockFollower.TicksPerBeat == 0)
            {
                _onRow(new ClockAnalysisRow((_ticks - 1) / ClockFollower.TicksPerBeat, time, Follower.Bpm, Follower.State));
            }
        }
    }
}
