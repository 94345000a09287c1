namespace LatentPlayground.Core.Analysis;

/// <summary>How well an output's loudness follows its input's.</summary>
/// <param name="R">Pearson r of the 20 ms RMS envelopes after alignment; NaN when either envelope is constant or there are fewer than two frames.</param>
/// <param name="LagSamples">How late the output was found to be, and shifted back by.</param>
/// <param name="Frames">Envelope frames correlated.</param>
public sealed record LoudnessFollowingResult(double R, int LagSamples, int Frames);
