namespace LatentPlayground.Core.Analysis;

/// <summary>How well an output's pitch follows its input's, frame by frame.</summary>
/// <param name="MedianCents">Median |f0 error| in cents over frames voiced in both; NaN when there are none.</param>
/// <param name="VoicedAgreement">Share of frames whose voicing (voiced or not) agrees, 0..1.</param>
/// <param name="FramesCompared">Frames voiced in both.</param>
/// <param name="Frames">Frames in the shorter of the two tracks.</param>
public sealed record PitchFollowingResult(double MedianCents, double VoicedAgreement, int FramesCompared, int Frames);
