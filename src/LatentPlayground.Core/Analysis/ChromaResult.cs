namespace LatentPlayground.Core.Analysis;

/// <summary>How well an output keeps its input's pitch classes.</summary>
/// <param name="MeanCosine">Mean cosine of the 12-bin chroma vectors over the input's non-silent frames; NaN when there are none.</param>
/// <param name="FramesCompared">Non-silent frames (input frame RMS above a tenth of the loudest frame's).</param>
/// <param name="Frames">All frames.</param>
public sealed record ChromaResult(double MeanCosine, int FramesCompared, int Frames);
