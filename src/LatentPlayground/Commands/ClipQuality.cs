using LatentPlayground.Core.Analysis;

namespace LatentPlayground.Commands;

/// <summary>
/// The listening measures of one bundled clip rendered through a model, all at the model's rate.
/// </summary>
/// <param name="Clip">The clip's file name.</param>
/// <param name="Description">What the clip is, in a few words.</param>
/// <param name="Seconds">Its length.</param>
/// <param name="ClipRate">The file's rate; the clip was resampled to the model's when they differ.</param>
/// <param name="Input">Periodic-artefact share of the input (at the model's rate).</param>
/// <param name="Output">Periodic-artefact share of the output.</param>
/// <param name="Loudness">Loudness r, and the lag the output was found late by (the other measures use it too).</param>
/// <param name="Pitch">Pitch following, for the monophonic clip; null for the other.</param>
/// <param name="Chroma">Chroma cosine, for the polyphonic clip; null for the other.</param>
public sealed record ClipQuality(
    string Clip,
    string Description,
    double Seconds,
    int ClipRate,
    PeriodicShareResult Input,
    PeriodicShareResult Output,
    LoudnessFollowingResult Loudness,
    PitchFollowingResult? Pitch,
    ChromaResult? Chroma);
