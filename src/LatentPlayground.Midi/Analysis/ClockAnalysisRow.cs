using LatentPlayground.Midi.Clock;

namespace LatentPlayground.Midi.Analysis;

/// <summary>One row of a clock analysis: a beat of received clock, or the moment the clock was lost.</summary>
/// <param name="Beat">Beats of clock received: tick number / 24, counting the first tick as 0. Whole at beat
/// rows; at a loss, the last tick heard.</param>
/// <param name="Time">When, in the log's seconds.</param>
/// <param name="Bpm">The follower's tempo then.</param>
/// <param name="State">The transport then.</param>
public readonly record struct ClockAnalysisRow(double Beat, double Time, double Bpm, TransportState State);
