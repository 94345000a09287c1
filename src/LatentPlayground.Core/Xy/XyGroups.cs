namespace LatentPlayground.Core.Xy;

/// <summary>
/// Which settings an XY mapping drives, as the reference device chooses them: the modulators' seeds, the scale,
/// the latent offsets and the modulators' times (note value and milliseconds).
/// </summary>
[Flags]
public enum XyGroups
{
    None = 0,
    Seed = 1,
    Scale = 2,
    Offset = 4,
    Time = 8,
    All = Seed | Scale | Offset | Time,
}
