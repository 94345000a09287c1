
namespace LatentPlayground.Core.Tempo;

/// <summary>
/// Everything needed to tell the transport's position at any later moment without the follower: a small
/// plain value the control thread can publish (a <c>SnapshotPublisher</c>) for the thread that runs the hop
/// stage, which evaluates <see cref="StateAt"/> for its own hop times.
/// </summary>
/// <param name="Bpm">The tempo to move at.</param>
/// <param name="Running">True while the transport plays.</param>
/// <param name="Moving">True when the position moves on from <paramref name="Position"/>: after a running tick.
/// False after Start, Continue or a locate, where the position waits for the next tick.</param>
/// <param name="Position">Beats at <paramref name="Time"/>.</param>
/// <param name="Time">Seconds, on the input reader's monotonic clock.</param>
/// <param name="Limit">Beats the position may reach before the next tick: that tick's own position.</param>
public readonly record struct TempoAnchor(double Bpm, bool Running, bool Moving, double Position, double Time, double Limit)
{
    /// <summary>
    /// The transport at <paramref name="now"/>. Between ticks the position moves at <see cref="Bpm"/> but stops
    /// at <see cref="Limit"/>, so when a late tick arrives the position does not step backwards.
    /// Pure; any thread holding a copy.
    /// </summary>
    public TempoState StateAt(double now)
    {
        if (!Running || !Moving || !(now > Time))
        {
            return new TempoState(Bpm, Running, Position);
        }

        double beats = Math.Min(Position + ((now - Time) * Bpm / 60.0), Limit);
        return new TempoState(Bpm, Running, beats);
    }
}
